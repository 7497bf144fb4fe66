using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OpenStack.Catalog;

/// <summary>The service catalog that Keystone returned with a token.</summary>
public sealed class ServiceCatalog
{
    /// <summary>Creates a catalog from its services.</summary>
    /// <param name="services">The services in catalog order.</param>
    public ServiceCatalog(IReadOnlyList<CatalogService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>A catalog without services, as returned with unscoped tokens.</summary>
    public static ServiceCatalog Empty { get; } = new(Array.Empty<CatalogService>());

    /// <summary>The services in catalog order.</summary>
    public IReadOnlyList<CatalogService> Services { get; }

    /// <summary>
    /// Finds the endpoint of a service. The official type is tried first, then each alias in
    /// order; within a type the first endpoint with a matching interface and region wins.
    /// </summary>
    /// <param name="type">The official service type.</param>
    /// <param name="aliases">Other types under which the service may be registered.</param>
    /// <param name="region">A region name or id; <see langword="null"/> matches any region.</param>
    /// <param name="interface">
    /// <c>public</c>, <c>internal</c> or <c>admin</c>; the legacy <c>publicURL</c> forms are accepted.
    /// </param>
    /// <returns>The endpoint, or <see langword="null"/> when the catalog has none that matches.</returns>
    public CatalogEndpoint? FindEndpoint(string type, IReadOnlyList<string> aliases, string? region, string @interface)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(@interface);
        string wantedInterface = OpenStackClientOptions.NormalizeInterface(@interface);

        foreach (string candidate in CandidateTypes(type, aliases))
        {
            foreach (CatalogService service in Services)
            {
                if (!string.Equals(service.Type, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (CatalogEndpoint endpoint in service.Endpoints)
                {
                    if (OpenStackClientOptions.NormalizeInterface(endpoint.Interface) == wantedInterface
                        && RegionMatches(endpoint, region))
                    {
                        return endpoint;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Describes every service with its interfaces and regions, for error messages that tell the
    /// user what the catalog could have offered.
    /// </summary>
    /// <returns>For example <c>image (glance): public@RegionOne, internal@RegionOne</c>.</returns>
    public string DescribeOffers()
    {
        if (Services.Count == 0)
        {
            return "the catalog is empty (is the token scoped to a project?)";
        }

        var text = new StringBuilder();
        foreach (CatalogService service in Services)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(service.Type);
            if (!string.IsNullOrEmpty(service.Name))
            {
                text.Append(" (").Append(service.Name).Append(')');
            }

            text.Append(": ");
            IEnumerable<string> endpoints = service.Endpoints
                .Select(e => e.Interface + "@" + (e.Region ?? e.RegionId ?? "(no region)"))
                .Distinct(StringComparer.Ordinal);
            text.AppendJoin(", ", endpoints);
        }

        return text.ToString();
    }

    private static IEnumerable<string> CandidateTypes(string type, IReadOnlyList<string>? aliases)
    {
        yield return type;
        if (aliases is null)
        {
            yield break;
        }

        foreach (string alias in aliases)
        {
            yield return alias;
        }
    }

    private static bool RegionMatches(CatalogEndpoint endpoint, string? region) =>
        region is null
        || string.Equals(endpoint.Region, region, StringComparison.Ordinal)
        || string.Equals(endpoint.RegionId, region, StringComparison.Ordinal);
}
