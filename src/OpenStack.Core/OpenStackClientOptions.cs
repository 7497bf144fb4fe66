using System;
using System.Collections;
using System.Net.Http;
using System.Text;

namespace OpenStack;

/// <summary>
/// Everything needed to reach one cloud: where Keystone is, who the user is, which project or
/// domain the token is scoped to, and how the HTTP pipeline behaves.
/// </summary>
public sealed class OpenStackClientOptions
{
    /// <summary>The Keystone endpoint, with or without the trailing <c>/v3</c>.</summary>
    public Uri? AuthUrl { get; set; }

    /// <summary>The user name; needs <see cref="UserDomainName"/> or <see cref="UserDomainId"/>.</summary>
    public string? Username { get; set; }

    /// <summary>The user id; an alternative to <see cref="Username"/> that needs no domain.</summary>
    public string? UserId { get; set; }

    /// <summary>The user's password. Never printed by <see cref="ToString"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The name of the domain that owns the user.</summary>
    public string? UserDomainName { get; set; }

    /// <summary>The id of the domain that owns the user.</summary>
    public string? UserDomainId { get; set; }

    /// <summary>The name of the project to scope the token to; needs a project domain.</summary>
    public string? ProjectName { get; set; }

    /// <summary>The id of the project to scope the token to.</summary>
    public string? ProjectId { get; set; }

    /// <summary>The name of the domain that owns <see cref="ProjectName"/>.</summary>
    public string? ProjectDomainName { get; set; }

    /// <summary>The id of the domain that owns <see cref="ProjectName"/>.</summary>
    public string? ProjectDomainId { get; set; }

    /// <summary>The name of the domain to scope the token to (domain scope instead of project scope).</summary>
    public string? DomainName { get; set; }

    /// <summary>The id of the domain to scope the token to (domain scope instead of project scope).</summary>
    public string? DomainId { get; set; }

    /// <summary>The catalog region to use; <see langword="null"/> accepts any region.</summary>
    public string? RegionName { get; set; }

    /// <summary>The catalog interface to use: <c>public</c>, <c>internal</c> or <c>admin</c>.</summary>
    public string Interface { get; set; } = "public";

    /// <summary>
    /// A product token put in front of the User-Agent header, so operators can tell which
    /// application sent a request.
    /// </summary>
    public string? ApplicationName { get; set; }

    /// <summary>The timeout of each HTTP request, including authentication requests.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The innermost HTTP handler. When <see langword="null"/> the connection creates and owns a
    /// <see cref="SocketsHttpHandler"/>; a handler supplied here is never disposed by the connection.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>How long before the token expires it is replaced with a new one.</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Reads the <c>OS_*</c> variables that an OpenStack RC file sets.
    /// </summary>
    /// <param name="env">
    /// The variables to read; <see langword="null"/> reads the process environment. Keys are
    /// variable names, values strings.
    /// </param>
    /// <returns>Options filled from the variables; call <see cref="Validate"/> to check them.</returns>
    /// <exception cref="OpenStackConfigurationException">OS_AUTH_URL is not an absolute URI.</exception>
    public static OpenStackClientOptions FromEnvironment(IDictionary? env = null)
    {
        env ??= Environment.GetEnvironmentVariables();

        string? Get(string name)
        {
            string? value = env[name] as string;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var options = new OpenStackClientOptions
        {
            Username = Get("OS_USERNAME"),
            UserId = Get("OS_USER_ID"),
            Password = env["OS_PASSWORD"] as string is { Length: > 0 } password ? password : null,
            UserDomainName = Get("OS_USER_DOMAIN_NAME"),
            UserDomainId = Get("OS_USER_DOMAIN_ID"),
            ProjectName = Get("OS_PROJECT_NAME") ?? Get("OS_TENANT_NAME"),
            ProjectId = Get("OS_PROJECT_ID") ?? Get("OS_TENANT_ID"),
            ProjectDomainName = Get("OS_PROJECT_DOMAIN_NAME"),
            ProjectDomainId = Get("OS_PROJECT_DOMAIN_ID"),
            DomainName = Get("OS_DOMAIN_NAME"),
            DomainId = Get("OS_DOMAIN_ID"),
            RegionName = Get("OS_REGION_NAME"),
        };

        string? authUrl = Get("OS_AUTH_URL");
        if (authUrl is not null)
        {
            if (!Uri.TryCreate(authUrl, UriKind.Absolute, out Uri? uri) || !IsHttp(uri))
            {
                throw new OpenStackConfigurationException(
                    $"OS_AUTH_URL '{authUrl}' is not an absolute http or https URL.");
            }

            options.AuthUrl = uri;
        }

        // OS_ENDPOINT_TYPE is what older RC files set instead of OS_INTERFACE.
        string? @interface = Get("OS_INTERFACE") ?? Get("OS_ENDPOINT_TYPE");
        if (@interface is not null)
        {
            options.Interface = NormalizeInterface(@interface);
        }

        return options;
    }

    /// <summary>
    /// Checks that the options describe exactly one way to authenticate and at most one scope.
    /// </summary>
    /// <exception cref="OpenStackConfigurationException">
    /// A required setting is missing or two settings contradict each other; the message names them.
    /// </exception>
    public void Validate()
    {
        if (AuthUrl is null)
        {
            throw new OpenStackConfigurationException("AuthUrl is required (OS_AUTH_URL).");
        }

        if (!AuthUrl.IsAbsoluteUri || !IsHttp(AuthUrl))
        {
            throw new OpenStackConfigurationException(
                $"AuthUrl '{AuthUrl}' must be an absolute http or https URL (OS_AUTH_URL).");
        }

        if (string.IsNullOrEmpty(Password))
        {
            throw new OpenStackConfigurationException("Password is required (OS_PASSWORD).");
        }

        bool hasUsername = !string.IsNullOrEmpty(Username);
        bool hasUserId = !string.IsNullOrEmpty(UserId);
        if (!hasUsername && !hasUserId)
        {
            throw new OpenStackConfigurationException("Username or UserId is required (OS_USERNAME or OS_USER_ID).");
        }

        if (hasUsername && hasUserId)
        {
            throw new OpenStackConfigurationException("Contradictory settings: both UserId and Username are set; keep only one (OS_USER_ID, OS_USERNAME).");
        }

        RejectBoth(UserDomainId, UserDomainName, "UserDomainId", "UserDomainName");
        if (hasUsername && IsBlank(UserDomainName) && IsBlank(UserDomainId))
        {
            throw new OpenStackConfigurationException(
                "Username needs UserDomainName or UserDomainId (OS_USER_DOMAIN_NAME or OS_USER_DOMAIN_ID).");
        }

        RejectBoth(ProjectId, ProjectName, "ProjectId", "ProjectName");
        RejectBoth(ProjectDomainId, ProjectDomainName, "ProjectDomainId", "ProjectDomainName");
        if (!IsBlank(ProjectName) && IsBlank(ProjectDomainName) && IsBlank(ProjectDomainId))
        {
            throw new OpenStackConfigurationException(
                "ProjectName needs ProjectDomainName or ProjectDomainId (OS_PROJECT_DOMAIN_NAME or OS_PROJECT_DOMAIN_ID).");
        }

        RejectBoth(DomainId, DomainName, "DomainId", "DomainName");
        bool projectScope = !IsBlank(ProjectId) || !IsBlank(ProjectName);
        bool domainScope = !IsBlank(DomainId) || !IsBlank(DomainName);
        if (projectScope && domainScope)
        {
            throw new OpenStackConfigurationException(
                "Contradictory settings: both a project scope (ProjectId/ProjectName) and a domain scope (DomainId/DomainName) are set; keep only one.");
        }

        string normalized = NormalizeInterface(Interface ?? string.Empty);
        if (normalized is not ("public" or "internal" or "admin"))
        {
            throw new OpenStackConfigurationException(
                $"Interface '{Interface}' is not one of public, internal, admin (OS_INTERFACE).");
        }

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && Timeout <= TimeSpan.Zero)
        {
            throw new OpenStackConfigurationException("Timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        if (TokenRefreshSkew < TimeSpan.Zero)
        {
            throw new OpenStackConfigurationException("TokenRefreshSkew must not be negative.");
        }

        if (ApplicationName is not null && ApplicationName.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new OpenStackConfigurationException("ApplicationName must not contain line breaks.");
        }
    }

    /// <summary>
    /// Describes the options for diagnostics. The password is shown as <c>***</c>.
    /// </summary>
    /// <returns>The set options as <c>Name=value</c> pairs.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("OpenStackClientOptions {");
        bool first = true;

        void Add(string name, object? value)
        {
            if (value is null)
            {
                return;
            }

            text.Append(first ? " " : ", ").Append(name).Append('=').Append(value);
            first = false;
        }

        Add(nameof(AuthUrl), AuthUrl);
        Add(nameof(Username), Username);
        Add(nameof(UserId), UserId);
        Add(nameof(Password), Password is null ? null : "***");
        Add(nameof(UserDomainName), UserDomainName);
        Add(nameof(UserDomainId), UserDomainId);
        Add(nameof(ProjectName), ProjectName);
        Add(nameof(ProjectId), ProjectId);
        Add(nameof(ProjectDomainName), ProjectDomainName);
        Add(nameof(ProjectDomainId), ProjectDomainId);
        Add(nameof(DomainName), DomainName);
        Add(nameof(DomainId), DomainId);
        Add(nameof(RegionName), RegionName);
        Add(nameof(Interface), Interface);
        Add(nameof(ApplicationName), ApplicationName);
        Add(nameof(Timeout), Timeout);
        Add(nameof(TokenRefreshSkew), TokenRefreshSkew);
        Add(nameof(Transport), Transport?.GetType().Name);
        return text.Append(" }").ToString();
    }

    /// <summary>
    /// Maps the legacy catalog names (<c>publicURL</c>, <c>internalURL</c>, <c>adminURL</c>) to
    /// the Keystone v3 interface names; other values are lower-cased.
    /// </summary>
    internal static string NormalizeInterface(string value)
    {
        string trimmed = value.Trim();
        if (trimmed.EndsWith("URL", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^3];
        }

        return trimmed.ToLowerInvariant();
    }

    private static bool IsHttp(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsBlank(string? value) => string.IsNullOrEmpty(value);

    private static void RejectBoth(string? id, string? name, string idKey, string nameKey)
    {
        if (!IsBlank(id) && !IsBlank(name))
        {
            throw new OpenStackConfigurationException(
                $"Contradictory settings: both {idKey} and {nameKey} are set; keep only one.");
        }
    }
}
