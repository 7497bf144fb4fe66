using System.Collections.Generic;
using OpenStack.Catalog;

namespace OpenStack;

/// <summary>
/// Identifies a service in the Keystone catalog and the API version the client speaks to it.
/// </summary>
/// <param name="Type">The official catalog type, for example <c>image</c> or <c>block-storage</c>.</param>
/// <param name="Aliases">
/// Other catalog types under which clouds register the same service, tried in order after
/// <paramref name="Type"/> (for example <c>volumev3</c> for <c>block-storage</c>).
/// </param>
/// <param name="Version">The version path segment, for example <c>v2</c>, <c>v2.1</c> or <c>v3</c>.</param>
public sealed record ServiceDescriptor(string Type, IReadOnlyList<string> Aliases, string Version)
{
    /// <summary>How the service takes microversions; null for services without them (Glance, Neutron).</summary>
    public ServiceMicroversions? Microversions { get; init; }

    /// <summary>
    /// False for services whose API paths carry no version segment (Placement: <c>/resource_providers</c>);
    /// <see cref="Version"/> then only names the API version, and is never added to the endpoint.
    /// </summary>
    public bool VersionInPath { get; init; } = true;
}
