package io.stowage.http.admin.json;

/** {@code POST /users/import-htpasswd}: the content of an htpasswd file. */
public record HtpasswdJson(String content) {

    @Override
    public String toString() {
        return "HtpasswdJson[(hidden)]";
    }
}
