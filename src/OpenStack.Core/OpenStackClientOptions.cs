using System;
using System.Net.Http;
using System.Text;

namespace OpenStack;

/// <summary>
/// Everything needed to reach one cloud: where Keystone is, who the user is, which project or
/// domain the token is scoped to, and how the HTTP pipeline behaves.
/// </summary>
public sealed partial class OpenStackClientOptions
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

    // ---- logging and retries

    /// <summary>
    /// Where request logging goes: a Debug line per request (method, URL with secrets masked, status,
    /// duration, request id) under the category <c>OpenStack.Http</c>, and an Information line per
    /// retry. <see langword="null"/> logs nothing; with dependency injection the container's factory is used.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Also log request and response headers and textual bodies (at Debug, up to 16 KiB; streamed
    /// bodies are never read for it). Tokens, passwords, secrets, temp-URL keys and signatures are
    /// masked as <c>***</c>. Off by default.
    /// </summary>
    public bool LogHttpContent { get; set; }

    /// <summary>Retries after 429, 503 and connection failures; see <see cref="OpenStackRetryOptions"/>. <c>Retry.Enabled = false</c> turns them off.</summary>
    public OpenStackRetryOptions Retry { get; set; } = new();

    // ---- authentication beyond a password (clouds.yaml auth_type and auth keys)

    /// <summary>
    /// How to authenticate, with openstacksdk's names: <c>password</c>, <c>token</c>,
    /// <c>v3applicationcredential</c>, <c>v3totp</c>, <c>v3multifactor</c>, <c>v2password</c>,
    /// <c>v2token</c>, <c>none</c>. <see langword="null"/> infers it from the credentials that are set.
    /// </summary>
    public string? AuthType { get; set; }

    /// <summary>An existing token to authenticate with (token auth, or re-scoping). Never printed.</summary>
    public string? Token { get; set; }

    /// <summary>Application credential id (with <see cref="ApplicationCredentialSecret"/>).</summary>
    public string? ApplicationCredentialId { get; set; }

    /// <summary>Application credential name; needs the owning user (<see cref="UserId"/>, or <see cref="Username"/> + domain).</summary>
    public string? ApplicationCredentialName { get; set; }

    /// <summary>Application credential secret. Never printed.</summary>
    public string? ApplicationCredentialSecret { get; set; }

    /// <summary>A one-time TOTP passcode (with a password for multi-factor). Never printed; never reused for silent re-authentication.</summary>
    public string? Passcode { get; set; }

    /// <summary>Scope the token to this trust.</summary>
    public string? TrustId { get; set; }

    /// <summary>System scope, e.g. <c>all</c>.</summary>
    public string? SystemScope { get; set; }

    /// <summary>Keystone API version to use: <c>3</c>, <c>2.0</c>, or <see langword="null"/> to discover it (v3 preferred).</summary>
    public string? IdentityApiVersion { get; set; }

    /// <summary>A custom authentication method; when set it replaces every built-in one.</summary>
    public Auth.IAuthMethod? AuthMethod { get; set; }

    // ---- endpoints (clouds.yaml <service>_endpoint_override, <service>_api_version, <service>_default_microversion)

    /// <summary>Endpoints to use instead of the catalog's, by service type (e.g. <c>image</c>).</summary>
    public System.Collections.Generic.IDictionary<string, Uri> EndpointOverrides { get; } =
        new System.Collections.Generic.Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

    /// <summary>API major version to use per service type (e.g. <c>image</c> → <c>2</c>).</summary>
    public System.Collections.Generic.IDictionary<string, string> ApiVersions { get; } =
        new System.Collections.Generic.Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Microversion to pin per service type (e.g. <c>compute</c> → <c>2.79</c>).</summary>
    public System.Collections.Generic.IDictionary<string, string> DefaultMicroversions { get; } =
        new System.Collections.Generic.Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    // ---- transport (clouds.yaml verify, cacert, cert, key)

    /// <summary>Whether server certificates are verified. Turn off only for a test cloud you trust.</summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>A PEM bundle of CA certificates to trust instead of the system store.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>A PEM client certificate (may also hold the key).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="ClientCertificateFile"/>, when it is a separate file.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>The clouds.yaml entry these options came from, for messages; <see langword="null"/> when built in code.</summary>
    public string? CloudName { get; set; }

    /// <summary>
    /// Checks that the options describe exactly one way to authenticate, with every piece it
    /// needs, and at most one scope (project, domain, system or trust). With
    /// <see cref="AuthMethod"/> set, only the settings outside authentication are checked.
    /// </summary>
    /// <exception cref="OpenStackConfigurationException">
    /// A required setting is missing or two settings contradict each other; the message names them.
    /// </exception>
    public void Validate()
    {
        // The URL's form is checked whenever it is set; whether it is needed at all depends on the
        // method (AuthType none and admin_token never talk to Keystone).
        if (AuthUrl is not null && (!AuthUrl.IsAbsoluteUri || !IsHttp(AuthUrl)))
        {
            throw new OpenStackConfigurationException(
                $"AuthUrl '{WithoutUserInfo(AuthUrl)}' must be an absolute http or https URL (OS_AUTH_URL).");
        }

        // Credentials, Keystone version and scope: the same rules AuthMethodFactory builds from.
        Auth.AuthSelection.Resolve(this);

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

        if (Retry is null)
        {
            throw new OpenStackConfigurationException("Retry must not be null; set Retry.Enabled = false to turn retries off.");
        }

        Retry.Validate();
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

        Add(nameof(AuthUrl), AuthUrl is null ? null : WithoutUserInfo(AuthUrl));
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
        Add(nameof(LogHttpContent), LogHttpContent ? "true" : null);
        Add(nameof(Retry), Retry is { IsActive: false } ? "off" : null);
        Add(nameof(Transport), Transport?.GetType().Name);
        Add(nameof(AuthType), AuthType);
        Add(nameof(Token), Token is null ? null : "***");
        Add(nameof(ApplicationCredentialId), ApplicationCredentialId);
        Add(nameof(ApplicationCredentialName), ApplicationCredentialName);
        Add(nameof(ApplicationCredentialSecret), ApplicationCredentialSecret is null ? null : "***");
        Add(nameof(Passcode), Passcode is null ? null : "***");
        Add(nameof(TrustId), TrustId);
        Add(nameof(SystemScope), SystemScope);
        Add(nameof(IdentityApiVersion), IdentityApiVersion);
        Add(nameof(AuthMethod), AuthMethod?.GetType().Name);
        Add(nameof(VerifyTls), VerifyTls ? null : "false");
        Add(nameof(CaCertificateFile), CaCertificateFile);
        Add(nameof(ClientCertificateFile), ClientCertificateFile);
        Add(nameof(ClientKeyFile), ClientKeyFile);
        Add(nameof(CloudName), CloudName);
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

    // "https://user:pw@host" works with some proxies and tools; the credentials must not be printed.
    internal static string WithoutUserInfo(Uri uri) =>
        uri.IsAbsoluteUri && uri.UserInfo.Length > 0 ? uri.ToString().Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal) : uri.ToString();

    private static bool IsHttp(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

}
