using System;

namespace OpenStack.Catalog;

/// <summary>One endpoint of a service as listed in the token's catalog.</summary>
/// <param name="Interface">The interface: <c>public</c>, <c>internal</c> or <c>admin</c>.</param>
/// <param name="Region">The region name, if the catalog gives one.</param>
/// <param name="RegionId">The region id, if the catalog gives one.</param>
/// <param name="Url">The endpoint URL, possibly with a version and project id in its path.</param>
/// <param name="Id">The endpoint id.</param>
public sealed record CatalogEndpoint(string Interface, string? Region, string? RegionId, Uri Url, string? Id);
