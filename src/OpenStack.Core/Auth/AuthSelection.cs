using System;
using System.Collections.Generic;

namespace OpenStack.Auth;

/// <summary>The built-in ways of authenticating that options can select.</summary>
internal enum AuthKind
{
    /// <summary><see cref="OpenStackClientOptions.AuthMethod"/> is set; nothing built in is used.</summary>
    Custom,
    Password,
    Token,
    ApplicationCredential,
    Totp,
    PasswordTotp,
    StaticToken,
    None,
}

/// <summary>Which Keystone API the token request goes to.</summary>
internal enum IdentityVersion
{
    /// <summary>Neither the options nor the auth URL say: ask Keystone's root document.</summary>
    Discover,
    V3,
    V2,
}

/// <summary>
/// Reads from the options which authentication method and Keystone version they ask for, and
/// checks that every piece that method needs is there and nothing contradicts it. Both
/// <see cref="OpenStackClientOptions.Validate"/> and <see cref="AuthMethodFactory"/> go through
/// here, so what validates is exactly what gets built.
/// </summary>
internal readonly record struct AuthSelection(AuthKind Kind, IdentityVersion Version)
{
    private const string AuthTypeKey = "AuthType (OS_AUTH_TYPE)";

    /// <summary>The AuthType names accepted, with openstacksdk's (keystoneauth's) spelling.</summary>
    internal const string KnownAuthTypes =
        "password, v3password, v2password, token, v3token, v2token, v3applicationcredential, v3totp, v3multifactor, admin_token, none";

    public static AuthSelection Resolve(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AuthMethod is not null)
        {
            // A custom method reads whatever it needs itself; the built-in rules would only get in its way.
            return new AuthSelection(AuthKind.Custom, IdentityVersion.Discover);
        }

        (AuthKind kind, IdentityVersion typeVersion) = options.AuthType is null
            ? (Infer(options), IdentityVersion.Discover)
            : ParseAuthType(options.AuthType);
        if (options.AuthType is not null)
        {
            RejectUnusedSecrets(options, kind);
        }

        if (kind is AuthKind.None or AuthKind.StaticToken)
        {
            CheckStandalone(options, kind);
            return new AuthSelection(kind, IdentityVersion.Discover);
        }

        if (options.AuthUrl is null)
        {
            throw new OpenStackConfigurationException("AuthUrl is required (OS_AUTH_URL).");
        }

        IdentityVersion version = ResolveVersion(options, kind, typeVersion);
        CheckCredentials(options, kind, version);
        CheckScope(options, kind, version);
        return new AuthSelection(kind, version);
    }

    /// <summary>A short name of the method for messages, e.g. "application credential".</summary>
    public static string Describe(AuthKind kind) => kind switch
    {
        AuthKind.Password => "password",
        AuthKind.Token => "token",
        AuthKind.ApplicationCredential => "application credential",
        AuthKind.Totp => "TOTP",
        AuthKind.PasswordTotp => "password + TOTP",
        AuthKind.StaticToken => "static token (admin_token)",
        AuthKind.None => "none",
        _ => "custom",
    };

    /// <summary>Reads a version setting: 3, 3.x, v3 → v3; 2, 2.0, v2.0 → v2; <see langword="null"/> for anything else.</summary>
    internal static IdentityVersion? ParseVersion(string value)
    {
        string v = value.Trim().TrimStart('v', 'V');
        if (v == "3" || v.StartsWith("3.", StringComparison.Ordinal))
        {
            return IdentityVersion.V3;
        }

        if (v is "2" or "2.0")
        {
            return IdentityVersion.V2;
        }

        return null;
    }

    /// <summary>The version the auth URL's last path segment names, if any.</summary>
    internal static IdentityVersion VersionInPath(Uri authUrl)
    {
        string path = authUrl.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v3", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityVersion.V3;
        }

        return path.EndsWith("/v2.0", StringComparison.OrdinalIgnoreCase) ? IdentityVersion.V2 : IdentityVersion.Discover;
    }

    private static (AuthKind Kind, IdentityVersion Version) ParseAuthType(string authType) =>
        authType.Trim().ToLowerInvariant() switch
        {
            "password" => (AuthKind.Password, IdentityVersion.Discover),
            "v3password" => (AuthKind.Password, IdentityVersion.V3),
            "v2password" => (AuthKind.Password, IdentityVersion.V2),
            "token" => (AuthKind.Token, IdentityVersion.Discover),
            "v3token" => (AuthKind.Token, IdentityVersion.V3),
            "v2token" => (AuthKind.Token, IdentityVersion.V2),
            "v3applicationcredential" or "applicationcredential" => (AuthKind.ApplicationCredential, IdentityVersion.Discover),
            "v3totp" => (AuthKind.Totp, IdentityVersion.Discover),
            "v3multifactor" => (AuthKind.PasswordTotp, IdentityVersion.Discover),

            // openstacksdk still accepts the old name token_endpoint for keystoneauth's admin_token.
            "admin_token" or "token_endpoint" => (AuthKind.StaticToken, IdentityVersion.Discover),
            "none" or "noauth" => (AuthKind.None, IdentityVersion.Discover),
            _ => throw new OpenStackConfigurationException(
                $"AuthType '{authType}' is not supported (OS_AUTH_TYPE); use one of {KnownAuthTypes}, or set AuthMethod to your own IAuthMethod."),
        };

    private static AuthKind Infer(OpenStackClientOptions o)
    {
        var groups = new List<(AuthKind Kind, string Keys)>();
        if (Has(o.ApplicationCredentialId) || Has(o.ApplicationCredentialName) || Has(o.ApplicationCredentialSecret))
        {
            groups.Add((AuthKind.ApplicationCredential, SetKeys(o, "ApplicationCredentialId", "ApplicationCredentialName", "ApplicationCredentialSecret")));
        }

        if (Has(o.Token))
        {
            groups.Add((AuthKind.Token, "Token"));
        }

        bool password = Has(o.Password);
        bool passcode = Has(o.Passcode);
        if (passcode)
        {
            groups.Add((password ? AuthKind.PasswordTotp : AuthKind.Totp, password ? "Password and Passcode" : "Passcode"));
        }
        else if (password)
        {
            groups.Add((AuthKind.Password, "Password"));
        }

        if (groups.Count == 0)
        {
            throw new OpenStackConfigurationException(
                "No credentials are set: set Password (OS_PASSWORD), Token (OS_TOKEN), " +
                "ApplicationCredentialId or ApplicationCredentialName with ApplicationCredentialSecret (OS_APPLICATION_CREDENTIAL_*), " +
                "or Passcode (OS_PASSCODE); or set AuthType (OS_AUTH_TYPE) to 'none' for a service without authentication.");
        }

        if (groups.Count > 1)
        {
            throw new OpenStackConfigurationException(
                $"Contradictory settings: {groups[0].Keys} ({Describe(groups[0].Kind)}) and {groups[1].Keys} ({Describe(groups[1].Kind)}) " +
                $"belong to different authentication methods; keep only one, or name the method with {AuthTypeKey}.");
        }

        return groups[0].Kind;
    }

    // With an explicit AuthType a secret of another method is a leftover that would be silently ignored.
    private static void RejectUnusedSecrets(OpenStackClientOptions o, AuthKind kind)
    {
        bool usesPassword = kind is AuthKind.Password or AuthKind.PasswordTotp;
        bool usesToken = kind is AuthKind.Token or AuthKind.StaticToken;
        bool usesApplicationCredential = kind is AuthKind.ApplicationCredential;
        bool usesPasscode = kind is AuthKind.Totp or AuthKind.PasswordTotp;

        var unused = new List<string>();
        if (!usesPassword && Has(o.Password)) unused.Add("Password");
        if (!usesToken && Has(o.Token)) unused.Add("Token");
        if (!usesPasscode && Has(o.Passcode)) unused.Add("Passcode");
        if (!usesApplicationCredential)
        {
            if (Has(o.ApplicationCredentialId)) unused.Add("ApplicationCredentialId");
            if (Has(o.ApplicationCredentialName)) unused.Add("ApplicationCredentialName");
            if (Has(o.ApplicationCredentialSecret)) unused.Add("ApplicationCredentialSecret");
        }

        if (unused.Count > 0)
        {
            throw new OpenStackConfigurationException(
                $"Contradictory settings: AuthType '{o.AuthType}' ({Describe(kind)}) does not use {string.Join(", ", unused)}; " +
                "remove them or choose the AuthType that uses them.");
        }
    }

    private static void CheckStandalone(OpenStackClientOptions o, AuthKind kind)
    {
        if (kind == AuthKind.StaticToken && !Has(o.Token))
        {
            throw new OpenStackConfigurationException(
                $"AuthType '{o.AuthType}' needs Token (OS_TOKEN): the token to send, obtained elsewhere.");
        }
    }

    private static IdentityVersion ResolveVersion(OpenStackClientOptions o, AuthKind kind, IdentityVersion typeVersion)
    {
        var claims = new List<(IdentityVersion Version, string Source)>();
        if (typeVersion != IdentityVersion.Discover)
        {
            claims.Add((typeVersion, $"AuthType '{o.AuthType}'"));
        }

        if (o.IdentityApiVersion is not null)
        {
            IdentityVersion parsed = ParseVersion(o.IdentityApiVersion)
                ?? throw new OpenStackConfigurationException(
                    $"IdentityApiVersion '{o.IdentityApiVersion}' is not a Keystone version this SDK speaks; use 3 or 2.0 (OS_IDENTITY_API_VERSION).");
            claims.Add((parsed, $"IdentityApiVersion '{o.IdentityApiVersion}'"));
        }

        IdentityVersion inPath = VersionInPath(o.AuthUrl!);
        if (inPath != IdentityVersion.Discover)
        {
            claims.Add((inPath, $"AuthUrl '{(o.AuthUrl is null ? null : OpenStackClientOptions.WithoutUserInfo(o.AuthUrl))}'"));
        }

        IdentityVersion version = IdentityVersion.Discover;
        string? source = null;
        foreach ((IdentityVersion claimed, string claimSource) in claims)
        {
            if (version == IdentityVersion.Discover)
            {
                (version, source) = (claimed, claimSource);
            }
            else if (claimed != version)
            {
                throw new OpenStackConfigurationException(
                    $"Contradictory settings: {source} means Keystone {Name(version)} but {claimSource} means {Name(claimed)}.");
            }
        }

        if (version == IdentityVersion.V2 && kind is not (AuthKind.Password or AuthKind.Token))
        {
            throw new OpenStackConfigurationException(
                $"{Describe(kind)} authentication needs Keystone v3, but {source} means v2.0; remove the v2.0 setting.");
        }

        return version;
    }

    private static void CheckCredentials(OpenStackClientOptions o, AuthKind kind, IdentityVersion version)
    {
        switch (kind)
        {
            case AuthKind.Password:
                Require(o.Password, "Password is required (OS_PASSWORD).");
                CheckUser(o, "password authentication", version);
                break;

            case AuthKind.Token:
                Require(o.Token, $"AuthType '{o.AuthType}' needs Token (OS_TOKEN).");
                break;

            case AuthKind.ApplicationCredential:
                Require(o.ApplicationCredentialSecret,
                    "Application credential authentication needs ApplicationCredentialSecret (OS_APPLICATION_CREDENTIAL_SECRET).");
                RejectBoth(o.ApplicationCredentialId, o.ApplicationCredentialName, "ApplicationCredentialId", "ApplicationCredentialName");
                if (!Has(o.ApplicationCredentialId) && !Has(o.ApplicationCredentialName))
                {
                    throw new OpenStackConfigurationException(
                        "Application credential authentication needs ApplicationCredentialId (OS_APPLICATION_CREDENTIAL_ID) " +
                        "or ApplicationCredentialName (OS_APPLICATION_CREDENTIAL_NAME).");
                }

                if (Has(o.ApplicationCredentialName))
                {
                    // A name is unique only per user, so Keystone needs to know whose credential it is.
                    if (!Has(o.UserId) && !Has(o.Username))
                    {
                        throw new OpenStackConfigurationException(
                            "ApplicationCredentialName needs the user who owns the credential: UserId (OS_USER_ID), " +
                            "or Username (OS_USERNAME) with UserDomainName or UserDomainId.");
                    }

                    CheckUser(o, "an application credential name", version);
                }

                break;

            case AuthKind.Totp:
            case AuthKind.PasswordTotp:
                if (kind == AuthKind.PasswordTotp)
                {
                    Require(o.Password, "Password + TOTP authentication needs Password (OS_PASSWORD).");
                }

                Require(o.Passcode, "TOTP authentication needs Passcode (OS_PASSCODE), the current one-time code.");
                CheckUser(o, "TOTP authentication", version);
                break;
        }
    }

    private static void CheckUser(OpenStackClientOptions o, string purpose, IdentityVersion version)
    {
        bool hasUsername = Has(o.Username);
        bool hasUserId = Has(o.UserId);
        if (!hasUsername && !hasUserId)
        {
            throw new OpenStackConfigurationException($"Username or UserId is required for {purpose} (OS_USERNAME or OS_USER_ID).");
        }

        if (hasUsername && hasUserId)
        {
            throw new OpenStackConfigurationException(
                "Contradictory settings: both UserId and Username are set; keep only one (OS_USER_ID, OS_USERNAME).");
        }

        // Keystone v2.0 has no domains, so a v3 openrc's domain settings are simply not sent there.
        if (version == IdentityVersion.V2)
        {
            return;
        }

        RejectBoth(o.UserDomainId, o.UserDomainName, "UserDomainId", "UserDomainName");
        if (hasUsername && !Has(o.UserDomainName) && !Has(o.UserDomainId))
        {
            throw new OpenStackConfigurationException(
                "Username needs UserDomainName or UserDomainId (OS_USER_DOMAIN_NAME or OS_USER_DOMAIN_ID).");
        }
    }

    private static void CheckScope(OpenStackClientOptions o, AuthKind kind, IdentityVersion version)
    {
        RejectBoth(o.ProjectId, o.ProjectName, "ProjectId", "ProjectName");
        RejectBoth(o.ProjectDomainId, o.ProjectDomainName, "ProjectDomainId", "ProjectDomainName");
        RejectBoth(o.DomainId, o.DomainName, "DomainId", "DomainName");

        var scopes = new List<string>();
        if (Has(o.ProjectId) || Has(o.ProjectName)) scopes.Add($"a project scope ({SetKeys(o, "ProjectId", "ProjectName")})");
        if (Has(o.DomainId) || Has(o.DomainName)) scopes.Add($"a domain scope ({SetKeys(o, "DomainId", "DomainName")})");
        if (Has(o.SystemScope)) scopes.Add("a system scope (SystemScope)");
        if (Has(o.TrustId)) scopes.Add("a trust scope (TrustId)");

        if (scopes.Count > 1)
        {
            throw new OpenStackConfigurationException(
                $"Contradictory settings: both {scopes[0]} and {scopes[1]} are set; a token has one scope, so keep only one.");
        }

        if (scopes.Count == 1 && kind == AuthKind.ApplicationCredential)
        {
            throw new OpenStackConfigurationException(
                $"Contradictory settings: {scopes[0]} is set, but Keystone refuses a scope with application credential " +
                "authentication (the credential is bound to its own project); remove the scope setting.");
        }

        if (Has(o.SystemScope) && !string.Equals(o.SystemScope, "all", StringComparison.OrdinalIgnoreCase))
        {
            throw new OpenStackConfigurationException(
                $"SystemScope '{o.SystemScope}' is not supported (OS_SYSTEM_SCOPE); Keystone has only the system scope 'all'.");
        }

        if (version == IdentityVersion.V2)
        {
            if (scopes.Count == 1 && !(Has(o.ProjectId) || Has(o.ProjectName)))
            {
                throw new OpenStackConfigurationException(
                    $"Keystone v2.0 has only tenant (project) scopes, but {scopes[0]} is set; use Keystone v3 or remove it.");
            }

            return;
        }

        if (Has(o.ProjectName) && !Has(o.ProjectDomainName) && !Has(o.ProjectDomainId))
        {
            throw new OpenStackConfigurationException(
                "ProjectName needs ProjectDomainName or ProjectDomainId (OS_PROJECT_DOMAIN_NAME or OS_PROJECT_DOMAIN_ID).");
        }
    }

    private static string Name(IdentityVersion version) => version == IdentityVersion.V2 ? "v2.0" : "v3";

    private static string SetKeys(OpenStackClientOptions o, params string[] keys)
    {
        var set = new List<string>();
        foreach (string key in keys)
        {
            string? value = key switch
            {
                "ApplicationCredentialId" => o.ApplicationCredentialId,
                "ApplicationCredentialName" => o.ApplicationCredentialName,
                "ApplicationCredentialSecret" => o.ApplicationCredentialSecret,
                "ProjectId" => o.ProjectId,
                "ProjectName" => o.ProjectName,
                "DomainId" => o.DomainId,
                "DomainName" => o.DomainName,
                _ => null,
            };
            if (Has(value))
            {
                set.Add(key);
            }
        }

        return string.Join(" and ", set);
    }

    private static void Require(string? value, string message)
    {
        if (!Has(value))
        {
            throw new OpenStackConfigurationException(message);
        }
    }

    private static void RejectBoth(string? id, string? name, string idKey, string nameKey)
    {
        if (Has(id) && Has(name))
        {
            throw new OpenStackConfigurationException(
                $"Contradictory settings: both {idKey} and {nameKey} are set; keep only one.");
        }
    }

    private static bool Has(string? value) => !string.IsNullOrEmpty(value);
}
