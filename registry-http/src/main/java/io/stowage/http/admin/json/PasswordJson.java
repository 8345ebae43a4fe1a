package io.stowage.http.admin.json;

/** {@code PUT /users/{name}/password}. */
public record PasswordJson(String password) {

    @Override
    public String toString() {
        return "PasswordJson[(hidden)]";
    }
}
