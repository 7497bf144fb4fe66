using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenStack.Config;

/// <summary>One clouds.yaml or secure.yaml file, read into <see cref="ConfigEntry"/> values that remember their line.</summary>
internal sealed class CloudConfigFile
{
    private CloudConfigFile(ConfigSource source, IReadOnlyDictionary<string, ConfigEntry> clouds)
    {
        Source = source;
        Clouds = clouds;
    }

    public ConfigSource Source { get; }

    /// <summary>The entries under <c>clouds:</c>, by cloud name, in file order.</summary>
    public IReadOnlyDictionary<string, ConfigEntry> Clouds { get; }

    /// <summary>
    /// Reads the first of <paramref name="candidates"/> that exists, as openstacksdk does; files that
    /// cannot be opened for lack of permission are skipped, like openstacksdk skips them.
    /// </summary>
    /// <param name="kind"><c>clouds.yaml</c> or <c>secure.yaml</c>, for messages.</param>
    /// <param name="candidates">Paths in search order.</param>
    /// <param name="required">A path that must exist (from <c>OS_CLIENT_CONFIG_FILE</c>), or <see langword="null"/>.</param>
    /// <param name="requiredVariable">The variable that named <paramref name="required"/>.</param>
    public static CloudConfigFile? FindAndRead(string kind, IReadOnlyList<string> candidates, string? required, string requiredVariable)
    {
        // openstacksdk silently moves on when OS_CLIENT_CONFIG_FILE names nothing; a path that was
        // spelled out and is wrong is a mistake worth stopping for.
        if (required is not null && !File.Exists(required))
        {
            throw new OpenStackConfigurationException(
                $"{requiredVariable} names '{required}', which does not exist or is not a file.");
        }

        foreach (string path in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            catch (IOException e)
            {
                throw new OpenStackConfigurationException($"{kind} ({path}) cannot be read: {e.Message}", e);
            }

            return Parse(kind, path, text);
        }

        return null;
    }

    /// <summary>Parses the text of one file.</summary>
    public static CloudConfigFile Parse(string kind, string path, string text)
    {
        var source = new ConfigSource(kind, path);
        var stream = new YamlStream();
        try
        {
            // MergingParser resolves "<<: *anchor" merge keys, which PyYAML's safe_load honours too.
            stream.Load(new MergingParser(new Parser(new StringReader(text))));
        }
        catch (YamlException e)
        {
            throw new OpenStackConfigurationException(
                $"{source}: invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Describe(e)}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new OpenStackConfigurationException($"{source} is empty or not a mapping; it needs a 'clouds:' mapping.");
        }

        var clouds = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> pair in root.Children)
        {
            if (pair.Key is not YamlScalarNode { Value: "clouds" })
            {
                continue;
            }

            if (pair.Value is YamlScalarNode scalar && IsNull(scalar))
            {
                break;
            }

            if (pair.Value is not YamlMappingNode cloudsNode)
            {
                throw new OpenStackConfigurationException($"{source}: 'clouds' (line {pair.Key.Start.Line}) must be a mapping of cloud names to settings.");
            }

            foreach (KeyValuePair<YamlNode, YamlNode> cloud in cloudsNode.Children)
            {
                string name = KeyText(source, cloud.Key);
                clouds[name] = Convert(source, string.Empty, cloud.Key.Start.Line, cloud.Value);
            }
        }

        return new CloudConfigFile(source, clouds);
    }

    private static ConfigEntry Convert(ConfigSource source, string key, long line, YamlNode node)
    {
        int lineNumber = (int)Math.Min(line, int.MaxValue);
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new ConfigMap();
                foreach (KeyValuePair<YamlNode, YamlNode> child in mapping.Children)
                {
                    // openstacksdk normalises '-' to '_' in every key (config/_util.py normalize_keys).
                    string childKey = KeyText(source, child.Key).Replace('-', '_');
                    string display = key.Length == 0 ? childKey : key + "." + childKey;
                    map[childKey] = Convert(source, display, child.Key.Start.Line, child.Value);
                }

                return ConfigEntry.Mapping(key, source, lineNumber, map);

            case YamlSequenceNode sequence:
                var items = new List<ConfigEntry>();
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    YamlNode item = sequence.Children[i];
                    items.Add(Convert(source, $"{key}[{i}]", item.Start.Line, item));
                }

                return ConfigEntry.Sequence(key, source, lineNumber, items);

            case YamlScalarNode scalar:
                return ConfigEntry.Scalar(key, source, lineNumber, IsNull(scalar) ? null : scalar.Value);

            default:
                throw new OpenStackConfigurationException($"{source}: '{key}' (line {lineNumber}) has a value that cannot be read.");
        }
    }

    private static string KeyText(ConfigSource source, YamlNode key) =>
        key is YamlScalarNode { Value: { } text }
            ? text
            : throw new OpenStackConfigurationException($"{source}: the key at line {key.Start.Line} is not a plain name.");

    // YAML 1.1 nulls as PyYAML reads them; quoted scalars are always strings.
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    // YamlDotNet prefixes its messages with the marks already reported; only the reason is kept.
    // Its reasons name the construct, never the scalar that failed, so no secret leaks through.
    private static string Describe(YamlException e)
    {
        string message = e.Message;
        Match marks = Regex.Match(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*");
        if (marks.Success)
        {
            message = message[marks.Length..];
        }

        return message.Length == 0 ? "the file is not valid YAML" : message;
    }
}
