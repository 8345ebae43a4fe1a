package io.stowage.http.admin.json;

/** {@code POST /users}: a new user; {@code administrator} defaults to false. */
public record NewUserJson(String username, String password, Boolean administrator) {

    @Override
    public String toString() {
        return "NewUserJson[username=" + username + ", password=(hidden), administrator=" + administrator + "]";
    }
}
