/**
 * Access scopes in the Docker token grammar: {@code type:name:action[,action...]}, for example
 * {@code repository:team/app:pull,push} or {@code registry:catalog:*}.
 *
 * <p>A client asks for scopes in {@code scope=} query parameters of the token request (several per parameter,
 * separated by spaces, and the parameter may repeat); the token grants a subset of them in its {@code access}
 * claim; the registry then checks each request against the granted scopes. {@link io.stowage.security.scope.Scope}
 * is one resource with its actions, {@link io.stowage.security.scope.Scopes} reads and merges the parameters.
 *
 * <p>The grammar here is deliberately narrower than Docker's: two resource types ({@code repository}, whose name must
 * be a valid OCI repository name, and {@code registry}, whose only resource is {@code catalog}), four actions
 * ({@code pull}, {@code push}, {@code delete}, {@code *}). Anything else is refused with a checked
 * {@link io.stowage.security.scope.ScopeException}, because scopes arrive from clients on every token request.
 */
package io.stowage.security.scope;
