package dev.partnertokens.api.security;

/** A partner key's rights, carried as scopes in its tokens. */
public enum Permission {
    VIEW, TRANSACT, MANAGE
}
