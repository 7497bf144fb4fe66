namespace OpenStack.Catalog;

/// <summary>How a service takes a microversion, and the newest one this SDK's specs describe.</summary>
/// <param name="Header">The header, e.g. <c>OpenStack-API-Version</c>.</param>
/// <param name="ServiceName">Written before the version in the header value: <c>compute 2.79</c>.</param>
/// <param name="LegacyHeader">An older per-service header sent alongside (e.g. <c>X-OpenStack-Nova-API-Version</c>), or null.</param>
/// <param name="Max">
/// The newest microversion the specs were written against. Negotiation never goes past it, so a newer
/// cloud cannot change a response shape under the SDK's feet.
/// </param>
public sealed record ServiceMicroversions(string Header, string ServiceName, string? LegacyHeader, Microversion Max);
