using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OpenStack.Catalog;

namespace OpenStack.Config;

/// <summary>
/// Turns one cloud's settings — a clouds.yaml entry merged with secure.yaml, or the <c>OS_*</c>
/// variables — into <see cref="OpenStackClientOptions"/>, with openstacksdk's rules for where each
/// key may sit, which alias wins and how domains default.
/// </summary>
internal sealed class CloudConfigReader
{
    // openstacksdk's _fix_backwards_auth: these keys may sit at the cloud's top level or under auth;
    // the aliases are scanned in order and the last one present wins, the top level beating auth
    // for the same alias (top-level values "may contain cli or environment overrides").
    private static readonly string[] ProjectIdKeys = ["tenant_id", "project_id"];
    private static readonly string[] ProjectNameKeys = ["tenant_name", "project_name"];
    private static readonly string[] TokenKeys = ["auth_token", "token"];

    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal)
    {
        "password", "token", "auth_token", "application_credential_secret", "passcode",
    };

    // Auth types that need no Keystone URL (keystoneauth's none, admin_token, http_basic; openstacksdk's token_endpoint alias).
    private static readonly HashSet<string> NoKeystoneAuthTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "none", "noauth", "admin_token", "token_endpoint", "http_basic",
    };

    // Auth types whose username/user_id/password name a Keystone user, so that a user name needs its
    // domain. Federation plugins (v3oidcpassword, v3samlpassword, …) carry an identity provider's user.
    private static readonly HashSet<string> KeystoneUserAuthTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "v3password", "v3totp", "v3multifactor", "v3applicationcredential", "v2password",
    };

    private readonly ReadSettings _settings;
    private ConfigMap _top;
    private ConfigMap _auth;

    private CloudConfigReader(ConfigMap cloud, ReadSettings settings)
    {
        _settings = settings;
        _top = cloud;
        _auth = new ConfigMap();
    }

    /// <summary>How one read behaves and how its messages start.</summary>
    internal sealed class ReadSettings
    {
        /// <summary>The start of every message: <c>clouds.yaml (/path), cloud 'name'</c> or the environment.</summary>
        public required string Where { get; init; }

        /// <summary>The file the cloud is defined in; keys from elsewhere are named with their file.</summary>
        public ConfigSource? Primary { get; init; }

        /// <summary>
        /// Check at load time what can be blamed on a key: an incomplete pair (a user name without its
        /// domain) or a contradiction (a project id and name). Plain <see cref="OpenStackClientOptions.FromEnvironment"/>
        /// leaves those to <see cref="OpenStackClientOptions.Validate"/>.
        /// </summary>
        public bool Strict { get; init; }

        /// <summary>
        /// Apply openstacksdk's rule that <c>domain_id</c>/<c>domain_name</c> next to a project is the
        /// default user and project domain rather than a domain scope.
        /// </summary>
        public bool DomainIsDefaultWithProject { get; init; }

        /// <summary>A region asked for by the caller; must be one of the cloud's regions if it lists any.</summary>
        public string? RequestedRegion { get; init; }

        public string? HomeDirectory { get; init; }

        public required string CurrentDirectory { get; init; }
    }

    public static OpenStackClientOptions Read(ConfigMap cloud, ReadSettings settings) =>
        new CloudConfigReader(cloud, settings).Read();

    /// <summary>
    /// The <c>OS_*</c> variables as one flat cloud, the way openstacksdk's <c>_get_os_environ</c>
    /// builds its <c>envvars</c> cloud: <c>OS_FOO_BAR</c> becomes key <c>foo_bar</c>.
    /// </summary>
    public static ConfigMap FromVariables(IDictionary environment)
    {
        var map = new ConfigMap();
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is not string name || !IsConfigVariable(name) || variable.Value is not string value)
            {
                continue;
            }

            string key = name[3..].ToLowerInvariant();
            if (SecretKeys.Contains(key))
            {
                if (value.Length == 0) continue;
            }
            else
            {
                value = value.Trim();
                if (value.Length == 0) continue;
            }

            map[key] = ConfigEntry.Scalar(name, ConfigSource.Environment, 0, value);
        }

        // gophercloud reads OS_USERID; openstacksdk reads OS_USER_ID.
        if (!map.ContainsKey("user_id") && map.TryGetValue("userid", out ConfigEntry? userId))
        {
            map["user_id"] = userId;
        }

        return map;
    }

    /// <summary>The OS_* variables openstacksdk reads into its environment cloud (it skips test-runner ones).</summary>
    public static bool IsConfigVariable(string name) =>
        name.StartsWith("OS_", StringComparison.Ordinal)
        && name.Length > 3
        && !name.StartsWith("OS_TEST", StringComparison.Ordinal)
        && !name.StartsWith("OS_STD", StringComparison.Ordinal)
        && !name.StartsWith("OS_LOG", StringComparison.Ordinal);

    private OpenStackClientOptions Read()
    {
        var options = new OpenStackClientOptions();
        options.RegionName = SelectRegion();
        _auth = AuthSection();

        ReadAuth(options);
        ReadEndpoints(options);
        ReadTransport(options);
        return options;
    }

    // ---- region (openstacksdk _get_known_regions / _get_region)

    private string? SelectRegion()
    {
        var regions = new List<(string Name, ConfigEntry Entry, ConfigMap? Values)>();
        if (_top.TryGetValue("regions", out ConfigEntry? list) && list.HasValue)
        {
            if (list.Items is null)
            {
                Fail($"{Name(list)} must be a list of region names or of mappings with 'name' and 'values'.");
            }

            foreach (ConfigEntry item in list.Items)
            {
                regions.Add(RegionEntry(item));
            }
        }
        else if (_top.TryGetValue("region_name", out ConfigEntry? regionName) && regionName.HasValue)
        {
            // A comma-separated region_name is openstacksdk's deprecated spelling of a regions list.
            IEnumerable<ConfigEntry> names = regionName.Items ?? [regionName];
            foreach (ConfigEntry name in names)
            {
                foreach (string part in Scalar(name)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    regions.Add((part, name, null));
                }
            }
        }

        string? requested = _settings.RequestedRegion;
        if (regions.Count == 0)
        {
            return requested;
        }

        (string Name, ConfigEntry Entry, ConfigMap? Values) chosen = regions[0];
        if (requested is not null)
        {
            int index = regions.FindIndex(r => r.Name == requested);
            if (index < 0)
            {
                Fail($"region '{requested}' is not one of the cloud's regions ({string.Join(", ", regions.Select(r => r.Name))}); region names are case-sensitive.");
            }

            chosen = regions[index];
        }

        if (chosen.Values is not null)
        {
            // A region's values override the cloud's, with auth merged key by key (openstacksdk _auth_update).
            _top = ConfigMap.Merge(_top, chosen.Values);
        }

        return chosen.Name;
    }

    private (string Name, ConfigEntry Entry, ConfigMap? Values) RegionEntry(ConfigEntry item)
    {
        if (item.IsScalar)
        {
            string? name = item.Text;
            if (string.IsNullOrEmpty(name))
            {
                Fail($"{Name(item)} is empty; give the region's name.");
            }

            return (name, item, null);
        }

        ConfigMap? map = item.Map;
        ConfigEntry? nameEntry = null;
        if (map is null
            || !map.TryGetValue("name", out nameEntry)
            || string.IsNullOrEmpty(nameEntry.Text)
            || map.Keys.Any(k => k is not ("name" or "values")))
        {
            Fail($"{Name(item)} must be a region name or a mapping with 'name' and optional 'values'.");
        }

        ConfigMap? values = null;
        if (map.TryGetValue("values", out ConfigEntry? valuesEntry) && valuesEntry.HasValue)
        {
            values = valuesEntry.Map;
            if (values is null)
            {
                Fail($"{Name(valuesEntry)} must be a mapping of settings for the region.");
            }
        }

        return (nameEntry.Text, item, values);
    }

    private ConfigMap AuthSection()
    {
        if (!_top.TryGetValue("auth", out ConfigEntry? auth) || !auth.HasValue)
        {
            return new ConfigMap();
        }

        if (auth.Map is null)
        {
            Fail($"{Name(auth)} must be a mapping of authentication settings.");
        }

        return auth.Map;
    }

    // ---- authentication

    private void ReadAuth(OpenStackClientOptions options)
    {
        ConfigEntry? authType = Top("auth_type") ?? Top("auth_plugin");
        options.AuthType = Scalar(authType);

        ConfigEntry? authUrl = AuthFirst("auth_url");
        ConfigEntry? username = AuthFirst("username", "user_name");
        ConfigEntry? userId = AuthFirst("user_id");
        ConfigEntry? password = AuthFirst("password");
        ConfigEntry? appCredId = AuthFirst("application_credential_id");
        ConfigEntry? appCredName = AuthFirst("application_credential_name");
        ConfigEntry? appCredSecret = AuthFirst("application_credential_secret");
        ConfigEntry? trustId = AuthFirst("trust_id");
        ConfigEntry? systemScope = AuthFirst("system_scope");
        ConfigEntry? defaultDomainId = AuthFirst("default_domain_id");
        ConfigEntry? defaultDomainName = AuthFirst("default_domain_name");

        ConfigEntry? userDomainId = LastWins("user_domain_id");
        ConfigEntry? userDomainName = LastWins("user_domain_name");
        ConfigEntry? projectDomainId = LastWins("project_domain_id");
        ConfigEntry? projectDomainName = LastWins("project_domain_name");
        ConfigEntry? domainId = LastWins("domain_id");
        ConfigEntry? domainName = LastWins("domain_name");
        ConfigEntry? token = LastWins(TokenKeys);
        ConfigEntry? passcode = LastWins("passcode");
        ConfigEntry? projectId = LastWins(ProjectIdKeys);
        ConfigEntry? projectName = LastWins(ProjectNameKeys);

        ConfigEntry? identityVersion = Top("identity_api_version");
        options.IdentityApiVersion = Scalar(identityVersion);
        bool v2 = (options.AuthType?.StartsWith("v2", StringComparison.OrdinalIgnoreCase) ?? false)
            || (options.IdentityApiVersion?.TrimStart('v', 'V').StartsWith('2') ?? false);

        if (authUrl is not null)
        {
            options.AuthUrl = HttpUrl(authUrl);
        }

        bool projectScoped = projectId is not null || projectName is not null;
        bool keystoneUser = options.AuthType is null || KeystoneUserAuthTypes.Contains(options.AuthType);
        if (_settings.Strict)
        {
            Contradiction(projectId, projectName);
            Contradiction(userDomainId, userDomainName);
            Contradiction(projectDomainId, projectDomainName);
            if (keystoneUser)
            {
                Contradiction(username, userId);
            }

            Contradiction(appCredId, appCredName);
            if (!projectScoped || !_settings.DomainIsDefaultWithProject)
            {
                Contradiction(domainId, domainName);
            }
        }

        // openstacksdk _handle_domain_id: next to a project, domain_id/domain_name is "the domain,
        // said once" for both the user and the project; without a project it is the domain scope.
        // keystoneauth lets an id win over a name of the same domain, so a name is filled only where
        // no id or name of that domain is set.
        if (projectScoped && _settings.DomainIsDefaultWithProject)
        {
            FillDomain(ref userDomainId, ref userDomainName, domainId, domainName);
            FillDomain(ref projectDomainId, ref projectDomainName, domainId, domainName);
            domainId = null;
            domainName = null;
        }

        // keystoneauth's generic password/token plugins: default_domain_id/_name stand in for a
        // missing user or project domain. openstackclient adds default_domain (OS_DEFAULT_DOMAIN),
        // an id, for Keystone v3.
        ConfigEntry? oscDefaultDomain = v2 ? null : Top("default_domain");
        if (username is not null)
        {
            FillDomain(ref userDomainId, ref userDomainName, defaultDomainId, defaultDomainName);
            FillDomain(ref userDomainId, ref userDomainName, oscDefaultDomain, null);
        }

        if (projectName is not null)
        {
            FillDomain(ref projectDomainId, ref projectDomainName, defaultDomainId, defaultDomainName);
            FillDomain(ref projectDomainId, ref projectDomainName, oscDefaultDomain, null);
        }

        options.Username = Scalar(username);
        options.UserId = Scalar(userId);
        options.Password = Scalar(password);
        options.UserDomainId = Scalar(userDomainId);
        options.UserDomainName = Scalar(userDomainName);
        options.ProjectId = Scalar(projectId);
        options.ProjectName = Scalar(projectName);
        options.ProjectDomainId = Scalar(projectDomainId);
        options.ProjectDomainName = Scalar(projectDomainName);
        options.DomainId = Scalar(domainId);
        options.DomainName = Scalar(domainName);
        options.Token = Scalar(token);
        options.ApplicationCredentialId = Scalar(appCredId);
        options.ApplicationCredentialName = Scalar(appCredName);
        options.ApplicationCredentialSecret = Scalar(appCredSecret);
        options.Passcode = Scalar(passcode);
        options.TrustId = Scalar(trustId);
        options.SystemScope = Scalar(systemScope);

        if (!_settings.Strict)
        {
            return;
        }

        bool noKeystone = options.AuthType is not null && NoKeystoneAuthTypes.Contains(options.AuthType);
        if (authUrl is null && !noKeystone)
        {
            ConfigEntry? profile = Top("profile") ?? Top("cloud");
            string hint = profile is null
                ? string.Empty
                : $" (the vendor profile '{Scalar(profile)}' is not read by this SDK; copy its auth_url into the cloud)";
            Fail($"{AbsentName("auth_url", auth: true)} is missing{hint}.");
        }

        if (keystoneUser && username is not null && !v2 && userDomainId is null && userDomainName is null)
        {
            Fail($"{Name(username)} is set but neither {AbsentName("user_domain_name", true)} nor {AbsentName("user_domain_id", true)} " +
                 $"(or {AbsentName("domain_name", true)}/{AbsentName("domain_id", true)} with a project, or {AbsentName("default_domain_id", true)}/{AbsentName("default_domain_name", true)}); " +
                 "Keystone v3 finds a user by name only within a domain.");
        }

        if (projectName is not null && !v2 && projectDomainId is null && projectDomainName is null)
        {
            Fail($"{Name(projectName)} is set but neither {AbsentName("project_domain_name", true)} nor {AbsentName("project_domain_id", true)} " +
                 $"(or {AbsentName("domain_name", true)}/{AbsentName("domain_id", true)}, or {AbsentName("default_domain_id", true)}/{AbsentName("default_domain_name", true)}); " +
                 "Keystone v3 finds a project by name only within a domain.");
        }

        ConfigEntry? secretUser = password ?? passcode;
        if (keystoneUser && secretUser is not null && username is null && userId is null && appCredId is null && appCredName is null)
        {
            Fail($"{Name(secretUser)} is set but neither {AbsentName("username", true)} nor {AbsentName("user_id", true)} says whose it is.");
        }

        if (appCredSecret is not null && appCredId is null && appCredName is null)
        {
            Fail($"{Name(appCredSecret)} is set but neither {AbsentName("application_credential_id", true)} nor {AbsentName("application_credential_name", true)}.");
        }

        if (appCredName is not null && username is null && userId is null)
        {
            Fail($"{Name(appCredName)} needs the credential's owner: {AbsentName("user_id", true)}, or {AbsentName("username", true)} with its domain.");
        }

        if (systemScope is not null && (projectScoped || domainId is not null || domainName is not null))
        {
            ConfigEntry other = projectId ?? projectName ?? domainId ?? domainName!;
            Fail($"both {Name(systemScope)} and {Name(other)} are set; a token has one scope: keep one.");
        }
    }

    private static void FillDomain(ref ConfigEntry? id, ref ConfigEntry? name, ConfigEntry? fromId, ConfigEntry? fromName)
    {
        if (id is not null || name is not null)
        {
            return;
        }

        if (fromId is not null)
        {
            id = fromId;
        }
        else if (fromName is not null)
        {
            name = fromName;
        }
    }

    private void Contradiction(ConfigEntry? first, ConfigEntry? second)
    {
        if (first is not null && second is not null)
        {
            Fail($"both {Name(first)} and {Name(second)} are set; keep only one.");
        }
    }

    // ---- per-service endpoints and versions (openstacksdk CloudRegion._get_config)

    private void ReadEndpoints(OpenStackClientOptions options)
    {
        var overrides = new Dictionary<string, (int Rank, ConfigEntry Entry)>(StringComparer.OrdinalIgnoreCase);
        var legacyEndpoints = new Dictionary<string, (int Rank, ConfigEntry Entry)>(StringComparer.OrdinalIgnoreCase);
        var versions = new Dictionary<string, (int Rank, ConfigEntry Entry)>(StringComparer.OrdinalIgnoreCase);
        var microversions = new Dictionary<string, (int Rank, ConfigEntry Entry)>(StringComparer.OrdinalIgnoreCase);

        foreach ((string key, ConfigEntry entry) in _top)
        {
            if (!entry.HasValue)
            {
                continue;
            }

            if (TryService(key, "_endpoint_override", out string type, out int rank))
            {
                Keep(overrides, type, rank, entry);
            }
            else if (TryService(key, "_default_microversion", out type, out rank))
            {
                Keep(microversions, type, rank, entry);
            }
            else if (TryService(key, "_api_version", out type, out rank))
            {
                Keep(versions, type, rank, entry);
            }
            else if (TryService(key, "_endpoint", out type, out rank))
            {
                Keep(legacyEndpoints, type, rank, entry);
            }
        }

        // <service>_endpoint is the older spelling; openstacksdk reads it only when no
        // <service>_endpoint_override (under any alias) is set.
        foreach ((string type, (int _, ConfigEntry entry)) in legacyEndpoints)
        {
            overrides.TryAdd(type, (int.MaxValue, entry));
        }

        foreach ((string type, (int _, ConfigEntry entry)) in overrides)
        {
            options.EndpointOverrides[type] = HttpUrl(entry);
        }

        foreach ((string type, (int _, ConfigEntry entry)) in microversions)
        {
            options.DefaultMicroversions[type] = Scalar(entry)!;
        }

        foreach ((string type, (int _, ConfigEntry entry)) in versions)
        {
            string version = Scalar(entry)!;

            // openstacksdk ignores an api_version that is not a number (e.g. "latest").
            Match match = Regex.Match(version, @"^[vV]?(\d+)(?:\.(\d+))?$");
            if (!match.Success)
            {
                continue;
            }

            options.ApiVersions[type] = version;

            // "2.79" names a microversion of major version 2 (openstacksdk _get_implied_microversion);
            // "2.0" is only a major version.
            if (match.Groups[2].Success && match.Groups[2].Value.TrimStart('0').Length > 0)
            {
                string implied = match.Groups[1].Value + "." + match.Groups[2].Value;
                if (microversions.TryGetValue(type, out (int Rank, ConfigEntry Entry) pinned) && Scalar(pinned.Entry) != implied)
                {
                    Fail($"{Name(entry)} looks like microversion {implied} but {Name(pinned.Entry)} says otherwise; " +
                         "set the api_version to the major version only, or drop the default_microversion.");
                }

                options.DefaultMicroversions.TryAdd(type, implied);
            }
        }
    }

    private static bool TryService(string key, string suffix, out string type, out int rank)
    {
        type = string.Empty;
        rank = 0;
        if (key.Length <= suffix.Length || !key.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        // Config keys spell the service type with '_' (block_storage); catalog types use '-'.
        string name = key[..^suffix.Length].Replace('_', '-');
        type = ServiceTypes.Official(name);
        rank = IndexOf(ServiceTypes.CandidateNames(type), name);
        return true;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return names.Count;
    }

    // openstacksdk tries the official type first, then the aliases in the authority's order.
    private static void Keep(Dictionary<string, (int Rank, ConfigEntry Entry)> found, string type, int rank, ConfigEntry entry)
    {
        if (!found.TryGetValue(type, out (int Rank, ConfigEntry Entry) existing) || rank < existing.Rank)
        {
            found[type] = (rank, entry);
        }
    }

    // ---- interface, TLS, timeout

    private void ReadTransport(OpenStackClientOptions options)
    {
        // Old RC files and clouds set endpoint_type; interface wins when both are there.
        ConfigEntry? @interface = Top("interface") ?? Top("endpoint_type");
        if (@interface is not null)
        {
            string normalized = OpenStackClientOptions.NormalizeInterface(Scalar(@interface)!);
            if (normalized is not ("public" or "internal" or "admin"))
            {
                Fail($"{Name(@interface)} is '{Scalar(@interface)}'; use public, internal or admin.");
            }

            options.Interface = normalized;
        }

        // openstacksdk get_requests_verify_args: insecure, when true, beats verify.
        ConfigEntry? verify = Top("verify");
        ConfigEntry? insecure = Top("insecure");
        bool verifyTls = verify is null || Boolean(verify);
        if (insecure is not null && Boolean(insecure))
        {
            verifyTls = false;
        }

        options.VerifyTls = verifyTls;

        ConfigEntry? cacert = Top("cacert");
        ConfigEntry? cert = Top("cert");
        ConfigEntry? key = Top("key");
        options.CaCertificateFile = FilePath(cacert);
        options.ClientCertificateFile = FilePath(cert);
        options.ClientKeyFile = FilePath(key);
        if (_settings.Strict && key is not null && cert is null)
        {
            // openstacksdk drops a key that has no certificate without a word.
            Fail($"{Name(key)} is set but {AbsentName("cert", auth: false)} is not; the key belongs to a client certificate.");
        }

        ConfigEntry? timeout = Top("api_timeout");
        if (timeout is not null)
        {
            if (!double.TryParse(Scalar(timeout), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || seconds <= 0 || double.IsInfinity(seconds) || double.IsNaN(seconds) || seconds > int.MaxValue / 1000)
            {
                Fail($"{Name(timeout)} must be a positive number of seconds.");
            }

            options.Timeout = TimeSpan.FromSeconds(seconds);
        }
    }

    private bool Boolean(ConfigEntry entry)
    {
        // YAML 1.1 booleans as PyYAML reads them, plus 1/0 as RC files write them.
        switch (Scalar(entry)!.ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1" or "y":
                return true;
            case "false" or "no" or "off" or "0" or "n":
                return false;
            default:
                Fail($"{Name(entry)} must be true or false.");
                return false;
        }
    }

    private string? FilePath(ConfigEntry? entry)
    {
        string? path = Scalar(entry);
        if (path is null)
        {
            return null;
        }

        // openstacksdk expands ~ (os.path.expanduser); relative paths stay relative to the process's
        // directory, made absolute here so the options say which file they mean.
        if (_settings.HomeDirectory is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)))
        {
            path = Path.Combine(_settings.HomeDirectory, path.Length > 2 ? path[2..] : string.Empty);
        }

        return Path.GetFullPath(path, _settings.CurrentDirectory);
    }

    private Uri HttpUrl(ConfigEntry entry)
    {
        string text = Scalar(entry)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // The value is not printed: a URL may carry user:password@.
            Fail($"{Name(entry)} is not an absolute http or https URL.");
        }

        return uri;
    }

    // ---- lookups

    private ConfigEntry? Top(string key) =>
        _top.TryGetValue(key, out ConfigEntry? entry) && entry.HasValue ? entry : null;

    private ConfigEntry? InAuth(string key) =>
        _auth.TryGetValue(key, out ConfigEntry? entry) && entry.HasValue ? entry : null;

    // keystoneauth plugin options (openstacksdk _validate_auth): the auth section first, then the
    // top level; the option's own name before its deprecated names.
    private ConfigEntry? AuthFirst(params string[] keys)
    {
        foreach (string key in keys)
        {
            if (InAuth(key) is { } entry) return entry;
        }

        foreach (string key in keys)
        {
            if (Top(key) is { } entry) return entry;
        }

        return null;
    }

    private ConfigEntry? LastWins(params string[] keys)
    {
        ConfigEntry? found = null;
        foreach (string key in keys)
        {
            found = InAuth(key) ?? found;
            found = Top(key) ?? found;
        }

        return found;
    }

    private string? Scalar(ConfigEntry? entry)
    {
        if (entry is null)
        {
            return null;
        }

        if (!entry.IsScalar)
        {
            Fail($"{Name(entry)} must be a single value, not a {(entry.Map is not null ? "mapping" : "list")}.");
        }

        return entry.Text;
    }

    // ---- messages: keys and files, never values

    private string Name(ConfigEntry entry)
    {
        // The environment and Microsoft.Extensions.Configuration sections have no lines: the key names itself.
        if (entry.Source.IsEnvironment || entry.Line == 0)
        {
            return entry.Key;
        }

        string key = entry.Key.Length == 0 ? "the cloud entry" : entry.Key;
        return ReferenceEquals(entry.Source, _settings.Primary) || _settings.Primary is null
            ? $"{key} (line {entry.Line})"
            : $"{key} ({entry.Source}, line {entry.Line})";
    }

    private string AbsentName(string key, bool auth)
    {
        if (_settings.Primary is null)
        {
            return "OS_" + key.ToUpperInvariant();
        }

        return auth ? "auth." + key : key;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string detail) =>
        throw new OpenStackConfigurationException($"{_settings.Where}: {detail}");
}
