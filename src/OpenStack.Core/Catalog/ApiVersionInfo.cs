using System;

namespace OpenStack.Catalog;

/// <summary>One API version a service offers, from its version discovery document.</summary>
/// <param name="Id">The version id as sent, e.g. <c>v2.1</c> or <c>v3.14</c>.</param>
/// <param name="Status">e.g. <c>CURRENT</c>, <c>SUPPORTED</c>, <c>stable</c>, <c>DEPRECATED</c>.</param>
/// <param name="Link">The version's own URL (its <c>self</c> link), when given.</param>
/// <param name="MinMicroversion">The lowest microversion, for services that have them.</param>
/// <param name="MaxMicroversion">The highest microversion, for services that have them.</param>
public sealed record ApiVersionInfo(string Id, string? Status, Uri? Link, string? MinMicroversion, string? MaxMicroversion)
{
    /// <summary>The major version number, e.g. 2 for <c>v2.1</c>; -1 when the id has no number.</summary>
    public int Major => Microversion.TryParse(Id.TrimStart('v', 'V'), out var v) ? v.Major : -1;

    /// <summary>True for statuses that mean "use this one" (CURRENT, stable, SUPPORTED).</summary>
    public bool IsUsable => Status is null
        || Status.Equals("CURRENT", StringComparison.OrdinalIgnoreCase)
        || Status.Equals("stable", StringComparison.OrdinalIgnoreCase)
        || Status.Equals("SUPPORTED", StringComparison.OrdinalIgnoreCase);
}
