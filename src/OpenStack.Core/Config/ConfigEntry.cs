using System;
using System.Collections.Generic;

namespace OpenStack.Config;

/// <summary>Where a configuration value was read: a clouds.yaml or secure.yaml file, or the environment.</summary>
internal sealed class ConfigSource
{
    public static readonly ConfigSource Environment = new("OS_* environment variables", null);

    public ConfigSource(string kind, string? path)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary><c>clouds.yaml</c>, <c>secure.yaml</c> or the environment.</summary>
    public string Kind { get; }

    /// <summary>The file, or <see langword="null"/> for the environment.</summary>
    public string? Path { get; }

    public bool IsEnvironment => Path is null;

    public override string ToString() => Path is null ? Kind : $"{Kind} ({Path})";
}

/// <summary>
/// One value of a cloud's configuration with the place it came from, so that every message can
/// name the key, the file and the line without ever printing the value itself.
/// </summary>
internal sealed class ConfigEntry
{
    private ConfigEntry(string key, ConfigSource source, int line, string? text, ConfigMap? map, IReadOnlyList<ConfigEntry>? items)
    {
        Key = key;
        Source = source;
        Line = line;
        Text = text;
        Map = map;
        Items = items;
    }

    /// <summary>How messages name this value: <c>auth.username</c>, <c>regions[0]</c>, <c>OS_USERNAME</c>.</summary>
    public string Key { get; }

    public ConfigSource Source { get; }

    /// <summary>1-based line in <see cref="Source"/>; 0 for the environment.</summary>
    public int Line { get; }

    /// <summary>The scalar value; <see langword="null"/> for a YAML null or a mapping or list.</summary>
    public string? Text { get; }

    public ConfigMap? Map { get; }

    public IReadOnlyList<ConfigEntry>? Items { get; }

    public bool IsScalar => Map is null && Items is null;

    /// <summary>False for YAML nulls and empty strings, which openstacksdk treats as absent.</summary>
    public bool HasValue => !IsScalar || !string.IsNullOrEmpty(Text);

    /// <summary>Names the key and where it came from; the value is never printed, it may be a secret.</summary>
    public override string ToString() => Source.IsEnvironment ? Key : $"{Key} ({Source}, line {Line})";

    public static ConfigEntry Scalar(string key, ConfigSource source, int line, string? text) =>
        new(key, source, line, text, null, null);

    public static ConfigEntry Mapping(string key, ConfigSource source, int line, ConfigMap map) =>
        new(key, source, line, null, map, null);

    public static ConfigEntry Sequence(string key, ConfigSource source, int line, IReadOnlyList<ConfigEntry> items) =>
        new(key, source, line, null, null, items);
}

/// <summary>A mapping of configuration keys (with <c>-</c> already turned into <c>_</c>) to values.</summary>
internal sealed class ConfigMap : Dictionary<string, ConfigEntry>
{
    public ConfigMap()
        : base(StringComparer.Ordinal)
    {
    }

    public ConfigMap(ConfigMap other)
        : base(other, StringComparer.Ordinal)
    {
    }

    /// <summary>
    /// Lays <paramref name="over"/> on top of <paramref name="under"/>: nested mappings merge key by key,
    /// anything else is replaced. This is how openstacksdk merges secure.yaml into clouds.yaml.
    /// </summary>
    public static ConfigMap Merge(ConfigMap under, ConfigMap over)
    {
        var merged = new ConfigMap(under);
        foreach (KeyValuePair<string, ConfigEntry> pair in over)
        {
            if (pair.Value.Map is not null
                && merged.TryGetValue(pair.Key, out ConfigEntry? existing)
                && existing.Map is not null)
            {
                merged[pair.Key] = ConfigEntry.Mapping(existing.Key, existing.Source, existing.Line, Merge(existing.Map, pair.Value.Map));
            }
            else
            {
                merged[pair.Key] = pair.Value;
            }
        }

        return merged;
    }
}
