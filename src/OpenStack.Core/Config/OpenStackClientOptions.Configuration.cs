using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Configuration;
using OpenStack.Config;

namespace OpenStack;

// Reading options from Microsoft.Extensions.Configuration (appsettings.json, environment, key vaults…):
// the section is read as one clouds.yaml cloud, without reflection, so it stays trim and AOT safe.
public sealed partial class OpenStackClientOptions
{
    /// <summary>
    /// Reads one cloud from a configuration section (for example <c>appsettings.json</c>'s
    /// <c>"OpenStack"</c>), with the keys of a clouds.yaml cloud entry.
    /// </summary>
    /// <param name="configuration">The section. Keys are matched case-insensitively, and PascalCase is
    /// read as clouds.yaml's snake_case (<c>AuthUrl</c> is <c>auth_url</c>, <c>RegionName</c> is <c>region_name</c>).</param>
    /// <param name="sources">Where clouds.yaml is looked for when the section names a <c>cloud</c>; <see langword="null"/> is this process.</param>
    /// <returns>The options; call <see cref="Validate"/> (connecting does) to check them.</returns>
    /// <remarks>
    /// <para>Two forms:</para>
    /// <list type="bullet">
    /// <item><c>{ "cloud": "prod" }</c> (optionally with <c>region_name</c>) reads cloud <c>prod</c> from clouds.yaml
    /// and secure.yaml, as <see cref="FromCloudsYaml"/> does; the section may then hold only the SDK's own settings below.</item>
    /// <item>Otherwise the section is the cloud itself, exactly as a clouds.yaml entry:
    /// <c>{ "auth": { "auth_url": "…", "username": "…", "password": "…", "user_domain_name": "Default",
    /// "project_name": "…", "project_domain_name": "Default" }, "region_name": "RegionOne", "interface": "public" }</c>,
    /// with every key <see cref="FromCloudsYaml"/> documents (<c>auth_type</c>, <c>verify</c>, <c>cacert</c>,
    /// <c>api_timeout</c>, <c>image_endpoint_override</c>, …). Keep the password in user secrets or an
    /// environment variable (<c>OpenStack__auth__password</c>), not in the file.</item>
    /// </list>
    /// <para>
    /// The SDK's own settings, in either form: <c>application_name</c>, <c>log_http_content</c> (true/false), and a
    /// <c>retry</c> section with <c>enabled</c>, <c>max_retries</c>, <c>base_delay</c>, <c>max_delay</c>
    /// (seconds, or a time span such as <c>00:00:30</c>) and <c>retry_connection_failures</c>.
    /// </para>
    /// <para>Messages name the configuration key at fault and never print a secret's value.</para>
    /// </remarks>
    /// <exception cref="OpenStackConfigurationException">A key has the wrong form, settings contradict each other, or the named cloud is not defined.</exception>
    public static OpenStackClientOptions FromConfiguration(IConfiguration configuration, CloudConfigSources? sources = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string path = configuration is IConfigurationSection section ? section.Path : string.Empty;
        string where = path.Length == 0 ? "configuration" : $"configuration section '{path}'";
        var source = new ConfigSource(where, path);
        ConfigMap map = ReadConfigurationMap(configuration, source);

        OpenStackClientOptions options;
        if (map.TryGetValue("cloud", out ConfigEntry? cloud) && cloud.HasValue)
        {
            string[] cloudKeys = map.Keys.Where(k => !SdkConfigurationKeys.Contains(k) && k is not ("cloud" or "region_name")).Order(StringComparer.Ordinal).ToArray();
            if (cloud.Text is null || cloudKeys.Length > 0)
            {
                throw new OpenStackConfigurationException(
                    $"{where}: {cloud.Key} names a clouds.yaml cloud, so the section cannot also define one; " +
                    $"remove {string.Join(", ", cloudKeys.Select(k => map[k].Key))} or {cloud.Key}.");
            }

            string? region = map.TryGetValue("region_name", out ConfigEntry? r) ? r.Text : null;
            options = FromCloudsYaml(cloud.Text, sources, string.IsNullOrWhiteSpace(region) ? null : region);
        }
        else
        {
            sources ??= new CloudConfigSources();
            options = CloudConfigReader.Read(map, new CloudConfigReader.ReadSettings
            {
                Where = where,
                Primary = source,
                Strict = true,
                DomainIsDefaultWithProject = true,
                HomeDirectory = sources.GetHomeDirectory(),
                CurrentDirectory = Path.GetFullPath(sources.GetCurrentDirectory()),
            });
        }

        ReadSdkSettings(map, options, where);
        return options;
    }

    private static readonly HashSet<string> SdkConfigurationKeys = new(StringComparer.Ordinal)
    {
        "application_name", "log_http_content", "retry",
    };

    private static void ReadSdkSettings(ConfigMap map, OpenStackClientOptions options, string where)
    {
        if (map.TryGetValue("application_name", out ConfigEntry? name) && !string.IsNullOrWhiteSpace(name.Text))
        {
            options.ApplicationName = name.Text;
        }

        if (map.TryGetValue("log_http_content", out ConfigEntry? logContent) && logContent.HasValue)
        {
            options.LogHttpContent = Boolean(logContent, where);
        }

        if (!map.TryGetValue("retry", out ConfigEntry? retry) || !retry.HasValue)
        {
            return;
        }

        if (retry.Map is null)
        {
            throw new OpenStackConfigurationException($"{where}: {retry.Key} must be a section with enabled, max_retries, base_delay, max_delay, retry_connection_failures.");
        }

        var settings = new OpenStackRetryOptions();
        foreach ((string key, ConfigEntry entry) in retry.Map)
        {
            switch (key)
            {
                case "enabled":
                    settings.Enabled = Boolean(entry, where);
                    break;
                case "max_retries":
                    settings.MaxRetries = int.TryParse(entry.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count >= 0
                        ? count
                        : throw new OpenStackConfigurationException($"{where}: {entry.Key} must be a whole number of at least 0.");
                    break;
                case "base_delay":
                    settings.BaseDelay = Duration(entry, where);
                    break;
                case "max_delay":
                    settings.MaxDelay = Duration(entry, where);
                    break;
                case "retry_connection_failures":
                    settings.RetryConnectionFailures = Boolean(entry, where);
                    break;
                default:
                    throw new OpenStackConfigurationException(
                        $"{where}: {entry.Key} is not a retry setting; use enabled, max_retries, base_delay, max_delay or retry_connection_failures.");
            }
        }

        options.Retry = settings;
    }

    private static bool Boolean(ConfigEntry entry, string where) =>
        entry.Text?.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "on" => true,
            "false" or "no" or "0" or "off" => false,
            _ => throw new OpenStackConfigurationException($"{where}: {entry.Key} must be true or false."),
        };

    private static TimeSpan Duration(ConfigEntry entry, string where)
    {
        string text = entry.Text?.Trim() ?? string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 && seconds <= 86400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new OpenStackConfigurationException($"{where}: {entry.Key} must be a number of seconds or a time span (00:00:30).");
    }

    // The section as a clouds.yaml cloud: subsections become mappings, subsections keyed 0, 1, … lists.
    private static ConfigMap ReadConfigurationMap(IConfiguration configuration, ConfigSource source)
    {
        var map = new ConfigMap();
        foreach (IConfigurationSection child in configuration.GetChildren())
        {
            string key = ConfigurationKey(child.Key);
            if (key.Length > 0)
            {
                map[key] = ReadConfigurationEntry(child, source);
            }
        }

        return map;
    }

    private static ConfigEntry ReadConfigurationEntry(IConfigurationSection section, ConfigSource source)
    {
        IConfigurationSection[] children = section.GetChildren().ToArray();
        if (children.Length == 0)
        {
            return ConfigEntry.Scalar(section.Path, source, 0, section.Value);
        }

        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            ConfigEntry[] items = children
                .OrderBy(c => int.Parse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture))
                .Select(c => ReadConfigurationEntry(c, source))
                .ToArray();
            return ConfigEntry.Sequence(section.Path, source, 0, items);
        }

        return ConfigEntry.Mapping(section.Path, source, 0, ReadConfigurationMap(section, source));
    }

    /// <summary><c>AuthUrl</c>, <c>auth-url</c> and <c>auth_url</c> all become <c>auth_url</c>.</summary>
    internal static string ConfigurationKey(string key)
    {
        var text = new StringBuilder(key.Length + 4);
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(key[i - 1]) || char.IsDigit(key[i - 1])))
            {
                text.Append('_');
            }

            text.Append(c == '-' ? '_' : char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
