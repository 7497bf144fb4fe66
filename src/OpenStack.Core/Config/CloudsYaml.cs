using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OpenStack.Config;

/// <summary>The clouds.yaml and secure.yaml that a search found, merged the way openstacksdk merges them.</summary>
internal sealed class CloudsYaml
{
    private readonly CloudConfigFile? _clouds;
    private readonly CloudConfigFile? _secure;
    private readonly CloudConfigSources _sources;

    private CloudsYaml(CloudConfigFile? clouds, CloudConfigFile? secure, CloudConfigSources sources)
    {
        _clouds = clouds;
        _secure = secure;
        _sources = sources;
        var names = new List<string>();
        if (clouds is not null) names.AddRange(clouds.Clouds.Keys);
        if (secure is not null) names.AddRange(secure.Clouds.Keys.Where(n => !names.Contains(n)));
        CloudNames = names;
    }

    /// <summary>Every cloud the files define, clouds.yaml's first, in file order.</summary>
    public IReadOnlyList<string> CloudNames { get; }

    public bool Found => _clouds is not null || _secure is not null;

    public static CloudsYaml Find(CloudConfigSources sources)
    {
        CloudConfigFile? clouds = CloudConfigFile.FindAndRead(
            "clouds.yaml", sources.GetConfigFileCandidates(), sources.GetVariable("OS_CLIENT_CONFIG_FILE"), "OS_CLIENT_CONFIG_FILE");
        CloudConfigFile? secure = CloudConfigFile.FindAndRead(
            "secure.yaml", sources.GetSecureFileCandidates(), sources.GetVariable("OS_CLIENT_SECURE_FILE"), "OS_CLIENT_SECURE_FILE");
        return new CloudsYaml(clouds, secure, sources);
    }

    public bool Defines(string name) => CloudNames.Contains(name, StringComparer.Ordinal);

    /// <summary>Reads one cloud; <paramref name="why"/> says where its name came from, for messages.</summary>
    public OpenStackClientOptions Read(string name, string why, string? regionName)
    {
        ConfigEntry? fromClouds = null;
        ConfigEntry? fromSecure = null;
        _clouds?.Clouds.TryGetValue(name, out fromClouds);
        _secure?.Clouds.TryGetValue(name, out fromSecure);
        if (fromClouds is null && fromSecure is null)
        {
            throw new OpenStackConfigurationException(NotFound(name, why));
        }

        ConfigSource primary = fromClouds is not null ? _clouds!.Source : _secure!.Source;
        string where = $"{primary}, cloud '{name}'";
        ConfigMap cloud = Mapping(fromClouds, where) ?? new ConfigMap();
        if (Mapping(fromSecure, where) is { } secure)
        {
            cloud = ConfigMap.Merge(cloud, secure);
        }

        OpenStackClientOptions options = CloudConfigReader.Read(cloud, new CloudConfigReader.ReadSettings
        {
            Where = where,
            Primary = primary,
            Strict = true,
            DomainIsDefaultWithProject = true,
            RequestedRegion = regionName,
            HomeDirectory = _sources.GetHomeDirectory(),
            CurrentDirectory = Path.GetFullPath(_sources.GetCurrentDirectory()),
        });
        options.CloudName = name;
        return options;
    }

    /// <summary>Why no cloud could be chosen without a name.</summary>
    public string NoName()
    {
        if (!Found)
        {
            return $"no cloud was named (pass a name or set OS_CLOUD), no OS_* variables are set, and no clouds.yaml was found; {SearchedPlaces()}.";
        }

        string names = CloudNames.Count == 0 ? "defines no clouds" : $"defines {CloudNames.Count} clouds: {string.Join(", ", CloudNames)}";
        return $"no cloud was named: pass a name or set OS_CLOUD; {Files()} {names}.";
    }

    private string NotFound(string name, string why)
    {
        if (!Found)
        {
            return $"cloud '{name}'{why} was asked for, but no clouds.yaml was found; {SearchedPlaces()}.";
        }

        string names = CloudNames.Count == 0 ? "defines no clouds" : $"defines: {string.Join(", ", CloudNames)}";
        return $"{Files()} has no cloud named '{name}'{why}; it {names}.";
    }

    private string Files()
    {
        if (_clouds is not null && _secure is not null) return $"{_clouds.Source} with {_secure.Source}";
        return (_clouds ?? _secure)!.Source.ToString();
    }

    private string SearchedPlaces()
    {
        var places = new List<string>();
        if (_sources.GetVariable("OS_CLIENT_CONFIG_FILE") is { } named)
        {
            places.Add(named);
        }

        if (_sources.ConfigFiles is not null)
        {
            places.AddRange(_sources.ConfigFiles);
        }
        else
        {
            places.AddRange(_sources.GetSearchDirectories().Select(d => Path.Combine(d, "clouds.{yaml,yml,json}")));
        }

        return "looked for " + string.Join(", ", places);
    }

    private static ConfigMap? Mapping(ConfigEntry? entry, string where)
    {
        if (entry is null || !entry.HasValue)
        {
            return null;
        }

        return entry.Map
            ?? throw new OpenStackConfigurationException(
                $"{where}: the cloud's entry ({entry.Source}, line {entry.Line}) must be a mapping of settings.");
    }
}
