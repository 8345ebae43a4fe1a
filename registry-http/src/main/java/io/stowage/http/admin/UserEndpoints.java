package io.stowage.http.admin;

import io.stowage.http.admin.json.HtpasswdJson;
import io.stowage.http.admin.json.MembershipJson;
import io.stowage.http.admin.json.NewUserJson;
import io.stowage.http.admin.json.PasswordJson;
import io.stowage.http.admin.json.UserChangeJson;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.Slice;
import io.stowage.service.access.admin.UserView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /users} and {@code /groups}. */
final class UserEndpoints {

    private UserEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("GET", "/users", "listUsers", UserEndpoints::list),
                Endpoint.of("POST", "/users", "createUser", UserEndpoints::create),
                Endpoint.of("POST", "/users/import-htpasswd", "importHtpasswd", UserEndpoints::importHtpasswd),
                Endpoint.of("GET", "/users/{username}", "getUser", UserEndpoints::get),
                Endpoint.of("PATCH", "/users/{username}", "updateUser", UserEndpoints::update),
                Endpoint.of("DELETE", "/users/{username}", "deleteUser", UserEndpoints::delete),
                Endpoint.of("PUT", "/users/{username}/password", "setPassword", UserEndpoints::setPassword),
                Endpoint.of("GET", "/groups/{group}/members", "listMembers", UserEndpoints::members),
                Endpoint.of("PUT", "/groups/{group}/members/{username}", "addMember", UserEndpoints::addMember),
                Endpoint.of("DELETE", "/groups/{group}/members/{username}", "removeMember",
                        UserEndpoints::removeMember));
    }

    static void list(Administration admin, AdminCall call) throws Exception {
        int n = call.pageSize();
        Slice<UserView> page = admin.users().list(call.actor(), call.query("last").orElse(null), n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", page.items().stream().map(Translate::user).toList());
        if (page.more()) {
            String last = page.items().getLast().username();
            body.put("next", last);
            call.nextLink("/users", "n=" + n + "&last=" + AdminCall.encode(last));
        }
        call.json(200, body);
    }

    static void create(Administration admin, AdminCall call) throws Exception {
        NewUserJson in = call.body(NewUserJson.class);
        UserView user = admin.users().create(call.actor(), in.username(), in.password(),
                Boolean.TRUE.equals(in.administrator()));
        call.header("Location", "/api/v1/users/" + user.username());
        call.json(201, Translate.user(user));
    }

    static void importHtpasswd(Administration admin, AdminCall call) throws Exception {
        HtpasswdJson in = call.body(HtpasswdJson.class);
        call.json(200, Translate.imported(admin.users().importHtpasswd(call.actor(), in.content())));
    }

    static void get(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.user(admin.users().get(call.actor(), call.parameter("username"))));
    }

    static void update(Administration admin, AdminCall call) throws Exception {
        UserChangeJson in = call.body(UserChangeJson.class);
        call.json(200, Translate.user(admin.users().update(call.actor(), call.parameter("username"),
                in.administrator(), in.disabled())));
    }

    static void delete(Administration admin, AdminCall call) throws Exception {
        admin.users().delete(call.actor(), call.parameter("username"));
        call.noContent();
    }

    static void setPassword(Administration admin, AdminCall call) throws Exception {
        PasswordJson in = call.body(PasswordJson.class);
        admin.users().setPassword(call.actor(), call.parameter("username"), in.password());
        call.noContent();
    }

    static void members(Administration admin, AdminCall call) throws Exception {
        int n = call.pageSize();
        String group = call.parameter("group");
        Slice<String> page = admin.users().members(call.actor(), group, call.query("last").orElse(null), n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("group", group);
        body.put("members", page.items());
        if (page.more()) {
            String last = page.items().getLast();
            body.put("next", last);
            call.nextLink("/groups/" + group + "/members", "n=" + n + "&last=" + AdminCall.encode(last));
        }
        call.json(200, body);
    }

    static void addMember(Administration admin, AdminCall call) throws Exception {
        String group = call.parameter("group");
        String username = call.parameter("username");
        boolean added = admin.users().addMember(call.actor(), group, username);
        call.json(added ? 201 : 200, new MembershipJson(group, username));
    }

    static void removeMember(Administration admin, AdminCall call) throws Exception {
        admin.users().removeMember(call.actor(), call.parameter("group"), call.parameter("username"));
        call.noContent();
    }
}
