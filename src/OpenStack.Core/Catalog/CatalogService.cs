using System.Collections.Generic;

namespace OpenStack.Catalog;

/// <summary>One service of the token's catalog with its endpoints.</summary>
/// <param name="Type">The service type, for example <c>image</c> or <c>volumev3</c>.</param>
/// <param name="Name">The deployment's name for the service, for example <c>glance</c>.</param>
/// <param name="Id">The service id.</param>
/// <param name="Endpoints">The endpoints of the service across regions and interfaces.</param>
public sealed record CatalogService(string Type, string? Name, string? Id, IReadOnlyList<CatalogEndpoint> Endpoints);
