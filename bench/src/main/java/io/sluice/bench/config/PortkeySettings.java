package io.sluice.bench.config;

/** Which Portkey gateway release to install from npm at run time, and how to run it. */
public record PortkeySettings(String version, String honoNodeServer, String node, String npm) {

    public PortkeySettings {
        if (version == null || version.isBlank()) {
            throw new FlagException("--portkey-version must name an npm version, e.g. 1.15.2");
        }
        if (honoNodeServer == null) {
            honoNodeServer = "";
        }
        if (node == null || node.isBlank()) {
            throw new FlagException("--node must name the node executable");
        }
        if (npm == null || npm.isBlank()) {
            throw new FlagException("--npm must name the npm executable");
        }
    }
}
