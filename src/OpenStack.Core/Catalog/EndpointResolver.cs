using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStack.Catalog;

/// <summary>
/// Turns a service descriptor into a base address: an endpoint override if the user set one, else the
/// catalog's endpoint (by type, spec aliases and official aliases; region; interface); then the version
/// path. A pinned API version that this SDK does not speak is refused rather than silently ignored.
/// </summary>
internal static class EndpointResolver
{
    public static Uri Resolve(ServiceCatalog catalog, ServiceDescriptor service, OpenStackClientOptions options)
    {
        IReadOnlyList<string> names = ServiceTypes.CandidateNames(service.Type, service.Aliases);
        CheckApiVersion(service, names, options);

        foreach (string name in names)
        {
            if (options.EndpointOverrides.TryGetValue(name, out Uri? overridden))
            {
                return EndpointVersion.WithVersion(overridden, service.VersionInPath ? service.Version : "");
            }
        }

        CatalogEndpoint? endpoint = catalog.FindEndpoint(names[0], names.Skip(1).ToList(), options.RegionName, options.Interface);
        if (endpoint is null)
        {
            string aliases = names.Count > 1 ? " (or " + string.Join(", ", names.Skip(1)) + ")" : string.Empty;
            string region = options.RegionName is null ? "any region" : "region '" + options.RegionName + "'";
            throw new OpenStackConfigurationException(
                $"The service catalog has no '{options.Interface}' endpoint of type '{service.Type}'{aliases} in {region}. " +
                $"The catalog offers: {catalog.DescribeOffers()}. " +
                $"To use an endpoint the catalog lacks, set EndpointOverrides[\"{ServiceTypes.Official(service.Type)}\"] " +
                $"({ServiceTypes.ConfigKey(service.Type)}_endpoint_override in clouds.yaml).");
        }

        return EndpointVersion.WithVersion(endpoint.Url, service.VersionInPath ? service.Version : "");
    }

    // "2", "v2", "2.1" and "v2.1" all pin major version 2; the generated client for v2.1 speaks major 2.
    private static void CheckApiVersion(ServiceDescriptor service, IReadOnlyList<string> names, OpenStackClientOptions options)
    {
        foreach (string name in names)
        {
            if (!options.ApiVersions.TryGetValue(name, out string? pinned)) continue;
            // A pin that is not a number ("latest") never matches: refusing it beats ignoring it.
            if (!Microversion.TryParse(pinned, out var pin) || !Microversion.TryParse(service.Version, out var spoken) || pin.Major != spoken.Major)
            {
                throw new OpenStackConfigurationException(
                    $"{ServiceTypes.ConfigKey(service.Type)}_api_version is '{pinned}', but this client speaks " +
                    $"{service.Type} {service.Version}; remove the setting or use '{service.Version.TrimStart('v')}'.");
            }

            return;
        }
    }
}
