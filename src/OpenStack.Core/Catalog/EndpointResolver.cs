using System;

namespace OpenStack.Catalog;

/// <summary>Turns a service descriptor into a base address: override, catalog lookup, version path.</summary>
internal static class EndpointResolver
{
    public static Uri Resolve(ServiceCatalog catalog, ServiceDescriptor service, OpenStackClientOptions options)
    {
        CatalogEndpoint? endpoint = catalog.FindEndpoint(service.Type, service.Aliases, options.RegionName, options.Interface);
        if (endpoint is null)
        {
            string aliases = service.Aliases is { Count: > 0 } ? " (or " + string.Join(", ", service.Aliases) + ")" : string.Empty;
            string region = options.RegionName is null ? "any region" : "region '" + options.RegionName + "'";
            throw new OpenStackConfigurationException(
                $"The service catalog has no '{options.Interface}' endpoint of type '{service.Type}'{aliases} in {region}. " +
                $"The catalog offers: {catalog.DescribeOffers()}.");
        }

        return EndpointVersion.WithVersion(endpoint.Url, service.Version);
    }
}
