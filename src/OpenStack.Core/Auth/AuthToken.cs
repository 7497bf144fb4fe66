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

    /// <summary>The secret token value. Treat it like a password: never log it.</summary>
    public string Value { get; }

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

    /// <summary>The names of the roles the user has on the scope.</summary>
    public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();

    /// <summary>The service catalog issued with the token.</summary>
    public ServiceCatalog Catalog { get; }

    /// <summary>Describes the token without its secret value.</summary>
    /// <returns>Expiry, user and scope.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("AuthToken { ExpiresAt=");
        text.Append(ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Append(text, "User", UserName, UserId);
        Append(text, "Project", ProjectName, ProjectId);
        Append(text, "Domain", DomainName, DomainId);
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
