using System.Text;

namespace OpenStack.Auth;

/// <summary>What a token is requested for.</summary>
internal enum ScopeKind
{
    /// <summary>No scope is sent; Keystone then issues an unscoped token (or one for the user's default project).</summary>
    Unscoped,
    Project,
    Domain,
    System,
    Trust,
}

/// <summary>
/// A snapshot of the settings a Keystone token request sends, so that changing the options after
/// connecting cannot change who the connection authenticates as. Blank strings are stored as
/// <see langword="null"/>.
/// </summary>
internal sealed class KeystoneCredentials
{
    public string? UserId { get; private init; }

    public string? Username { get; private init; }

    public string? UserDomainId { get; private init; }

    public string? UserDomainName { get; private init; }

    public string? Password { get; private init; }

    public string? Token { get; private init; }

    public string? ApplicationCredentialId { get; private init; }

    public string? ApplicationCredentialName { get; private init; }

    public string? ApplicationCredentialSecret { get; private init; }

    public string? Passcode { get; private init; }

    public ScopeKind Scope { get; private init; }

    /// <summary>The project, domain or trust id of the scope.</summary>
    public string? ScopeId { get; private init; }

    /// <summary>The project or domain name of the scope.</summary>
    public string? ScopeName { get; private init; }

    /// <summary>For a project scope by name: the id of the project's domain.</summary>
    public string? ScopeDomainId { get; private init; }

    /// <summary>For a project scope by name: the name of the project's domain.</summary>
    public string? ScopeDomainName { get; private init; }

    public static KeystoneCredentials From(OpenStackClientOptions o)
    {
        (ScopeKind scope, string? scopeId, string? scopeName, string? scopeDomainId, string? scopeDomainName) = ScopeOf(o);
        return new KeystoneCredentials
        {
            UserId = Blank(o.UserId),
            Username = Blank(o.Username),
            UserDomainId = Blank(o.UserDomainId),
            UserDomainName = Blank(o.UserDomainName),
            Password = Blank(o.Password),
            Token = Blank(o.Token),
            ApplicationCredentialId = Blank(o.ApplicationCredentialId),
            ApplicationCredentialName = Blank(o.ApplicationCredentialName),
            ApplicationCredentialSecret = Blank(o.ApplicationCredentialSecret),
            Passcode = Blank(o.Passcode),
            Scope = scope,
            ScopeId = scopeId,
            ScopeName = scopeName,
            ScopeDomainId = scopeDomainId,
            ScopeDomainName = scopeDomainName,
        };
    }

    /// <summary>Names the user and scope; every secret is <c>***</c>.</summary>
    public override string ToString() => Describe(nameof(KeystoneCredentials));

    /// <summary>The same description under another type's name, for the auth methods' ToString.</summary>
    public string Describe(string typeName)
    {
        var text = new StringBuilder(typeName).Append(" {");
        Add(text, "User", Username ?? UserId);
        Add(text, "Password", Password is null ? null : "***");
        Add(text, "Token", Token is null ? null : "***");
        Add(text, "ApplicationCredential", ApplicationCredentialId ?? ApplicationCredentialName);
        Add(text, "ApplicationCredentialSecret", ApplicationCredentialSecret is null ? null : "***");
        Add(text, "Passcode", Passcode is null ? null : "***");
        Add(text, "Scope", Scope == ScopeKind.Unscoped ? null : Scope + ":" + (ScopeName ?? ScopeId));
        return text.Append(" }").ToString();
    }

    // Validation has made sure at most one scope is set; an id wins over a name because it needs no domain.
    private static (ScopeKind, string?, string?, string?, string?) ScopeOf(OpenStackClientOptions o)
    {
        if (Blank(o.ProjectId) is string projectId)
        {
            return (ScopeKind.Project, projectId, null, null, null);
        }

        if (Blank(o.ProjectName) is string projectName)
        {
            return (ScopeKind.Project, null, projectName, Blank(o.ProjectDomainId), Blank(o.ProjectDomainId) is null ? Blank(o.ProjectDomainName) : null);
        }

        if (Blank(o.DomainId) is string domainId)
        {
            return (ScopeKind.Domain, domainId, null, null, null);
        }

        if (Blank(o.DomainName) is string domainName)
        {
            return (ScopeKind.Domain, null, domainName, null, null);
        }

        if (Blank(o.SystemScope) is not null)
        {
            return (ScopeKind.System, null, "all", null, null);
        }

        return Blank(o.TrustId) is string trustId
            ? (ScopeKind.Trust, trustId, null, null, null)
            : (ScopeKind.Unscoped, null, null, null, null);
    }

    private static void Add(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(' ').Append(name).Append('=').Append(value);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
