package io.sluice.bench.config;

/** One command-line flag: its name, the value it takes (null for a switch), its default and what it does. */
record FlagDef(String name, String value, String defaultText, String help, boolean repeatable) {

    static FlagDef option(String name, String value, String defaultText, String help) {
        return new FlagDef(name, value, defaultText, help, false);
    }

    static FlagDef repeated(String name, String value, String help) {
        return new FlagDef(name, value, "none", help, true);
    }

    static FlagDef toggle(String name, String help) {
        return new FlagDef(name, null, "off", help, false);
    }

    boolean takesValue() {
        return value != null;
    }
}
