package dev.partnertokens.keycloak.settings;

import java.util.Map;
import java.util.Set;

import org.keycloak.Config;

/** The options one factory was started with, as {@code kc.sh} hands them over: option name (without prefix) → text. */
record GivenOptions(Map<String, String> values) implements Config.Scope {

    static GivenOptions none() {
        return new GivenOptions(Map.of());
    }

    static GivenOptions of(String name, String value) {
        return new GivenOptions(Map.of(name, value));
    }

    static GivenOptions of(String name, String value, String name2, String value2) {
        return new GivenOptions(Map.of(name, value, name2, value2));
    }

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    @Override
    public String[] getArray(String key) {
        String value = values.get(key);
        return value == null ? null : value.split(",");
    }

    @Override
    public Integer getInt(String key, Integer defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Integer.valueOf(value);
    }

    @Override
    public Long getLong(String key, Long defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Long.valueOf(value);
    }

    @Override
    public Boolean getBoolean(String key, Boolean defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Boolean.valueOf(value);
    }

    @Override
    public Config.Scope scope(String... scope) {
        return none();
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Config.Scope root() {
        return this;
    }
}
