using System;
using System.Collections.Generic;
using System.Text;
using OpenStack.Catalog;

namespace OpenStack.Auth;

/// <summary>
/// A Keystone token with what it was issued for and the service catalog that came with it.
/// </summary>
public sealed class AuthToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="value">The secret token value sent as <c>X-Auth-Token</c>.</param>
    /// <param name="expiresAt">When the token stops being accepted.</param>
    /// <param name="catalog">The service catalog issued with the token.</param>
    public AuthToken(string value, DateTimeOffset expiresAt, ServiceCatalog catalog)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(catalog);
        Value = value;
        ExpiresAt = expiresAt;
        Catalog = catalog;
    }

    private AuthToken(ServiceCatalog catalog)
    {
        Value = string.Empty;
        ExpiresAt = DateTimeOffset.MaxValue;
        Catalog = catalog;
        IsAnonymous = true;
    }

    /// <summary>
    /// The secret token value. Treat it like a password: never log it. Empty for an
    /// <see cref="IsAnonymous"/> token.
    /// </summary>
    public string Value { get; }

    /// <summary>
    /// <see langword="true"/> for the stand-in token of a service without authentication
    /// (<see cref="NoAuth"/>): requests carry no <c>X-Auth-Token</c> and it never expires.
    /// </summary>
    public bool IsAnonymous { get; }

    /// <summary>When the token stops being accepted.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>When the token was issued, if Keystone said so.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The id of the user the token belongs to.</summary>
    public string? UserId { get; init; }

    /// <summary>The name of the user the token belongs to.</summary>
    public string? UserName { get; init; }

    /// <summary>The id of the project the token is scoped to, if project-scoped.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The name of the project the token is scoped to, if project-scoped.</summary>
    public string? ProjectName { get; init; }

    /// <summary>
    /// The id of the scope's domain: the scoped domain for domain-scoped tokens, otherwise the
    /// project's domain.
    /// </summary>
    public string? DomainId { get; init; }

    /// <summary>The name of the scope's domain (see <see cref="DomainId"/>).</summary>
    public string? DomainName { get; init; }

    /// <summary>The system the token is scoped to (<c>all</c>), if system-scoped.</summary>
    public string? SystemScope { get; init; }

    /// <summary>The id of the trust the token is scoped to, if trust-scoped.</summary>
    public string? TrustId { get; init; }

    /// <summary>The id of the application credential the token was issued for, if any.</summary>
    public string? ApplicationCredentialId { get; init; }

    /// <summary>The names of the roles the user has on the scope.</summary>
    public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();

    /// <summary>
    /// How the user proved who they are, as Keystone lists them, e.g. <c>password</c>, or
    /// <c>password</c> and <c>token</c> for a re-scoped token.
    /// </summary>
    public IReadOnlyList<string> Methods { get; init; } = Array.Empty<string>();

    /// <summary>The service catalog issued with the token.</summary>
    public ServiceCatalog Catalog { get; }

    /// <summary>
    /// The stand-in token for a service that needs no authentication: no value, no expiry, and
    /// the given catalog (usually empty, with endpoints from
    /// <see cref="OpenStackClientOptions.EndpointOverrides"/>).
    /// </summary>
    /// <param name="catalog">The catalog to offer; <see langword="null"/> for an empty one.</param>
    /// <returns>A token with <see cref="IsAnonymous"/> set.</returns>
    public static AuthToken Anonymous(ServiceCatalog? catalog = null) => new(catalog ?? ServiceCatalog.Empty);

    /// <summary>Describes the token without its secret value.</summary>
    /// <returns>Expiry, user and scope.</returns>
    public override string ToString()
    {
        if (IsAnonymous)
        {
            return "AuthToken { Anonymous }";
        }

        var text = new StringBuilder("AuthToken { ExpiresAt=");
        text.Append(ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Append(text, "User", UserName, UserId);
        Append(text, "Project", ProjectName, ProjectId);
        Append(text, "Domain", DomainName, DomainId);
        Append(text, "System", SystemScope, null);
        Append(text, "Trust", null, TrustId);
        return text.Append(" }").ToString();
    }

    private static void Append(StringBuilder text, string label, string? name, string? id)
    {
        if (name is null && id is null)
        {
            return;
        }

        text.Append(", ").Append(label).Append('=').Append(name ?? id);
        if (name is not null && id is not null)
        {
            text.Append(" (").Append(id).Append(')');
        }
    }
}
