using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenStack.Generator.Parse;

/// <summary>A 1-based line and column in a spec file.</summary>
internal readonly struct SourcePosition
{
    public SourcePosition(int line, int column) { Line = line; Column = column; }
    public int Line { get; }
    public int Column { get; }
}

/// <summary>
/// Turns YAML (or JSON, which YAML reads too) into a JToken tree for schema validation, remembering
/// where each node came from: NJsonSchema reports paths, and users need file lines.
/// </summary>
internal sealed class YamlLoader
{
    private static readonly Regex IntPattern = new("^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private readonly List<(string Key, SourcePosition Position)> _duplicates = new();

    public JToken? Root { get; private set; }

    /// <summary>Where each node is, by dotted path ("operations.list.query.tag", "fields.tags.items", "x[2]").</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions => _positions;

    public IReadOnlyList<(string Key, SourcePosition Position)> DuplicateKeys => _duplicates;

    /// <summary>Loads text; on a syntax error returns false with the message and position.</summary>
    public bool TryLoad(string text, out string error, out SourcePosition errorPosition)
    {
        error = "";
        errorPosition = new SourcePosition(1, 1);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                error = "the file is empty";
                return false;
            }
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode.Start;
                error = "a spec file holds one YAML document, this one has " + stream.Documents.Count;
                errorPosition = new SourcePosition((int)second.Line, (int)second.Column);
                return false;
            }
            Root = Convert(stream.Documents[0].RootNode, "");
            return true;
        }
        catch (YamlException e)
        {
            error = e.Message;
            errorPosition = new SourcePosition((int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column));
            return false;
        }
    }

    /// <summary>The position of a path, or of its nearest recorded ancestor.</summary>
    public SourcePosition PositionOf(string path)
    {
        while (true)
        {
            if (_positions.TryGetValue(path, out var p)) return p;
            if (path.Length == 0) return new SourcePosition(1, 1);
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? "" : path.Substring(0, cut);
        }
    }

    private JToken Convert(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
            {
                var obj = new JObject();
                foreach (var entry in map.Children)
                {
                    var key = entry.Key is YamlScalarNode k ? k.Value ?? "" : entry.Key.ToString();
                    var childPath = path.Length == 0 ? key : path + "." + key;
                    var position = new SourcePosition((int)entry.Key.Start.Line, (int)entry.Key.Start.Column);
                    if (obj.ContainsKey(key))
                    {
                        _duplicates.Add((key, position));
                        continue;
                    }
                    _positions[childPath] = position;
                    obj[key] = Convert(entry.Value, childPath);
                }
                return obj;
            }
            case YamlSequenceNode seq:
            {
                var array = new JArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    var childPath = path + "[" + i + "]";
                    _positions[childPath] = new SourcePosition((int)item.Start.Line, (int)item.Start.Column);
                    array.Add(Convert(item, childPath));
                    i++;
                }
                return array;
            }
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                return JValue.CreateNull();
        }
    }

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static JToken ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return new JValue(value);
        switch (value)
        {
            case "": case "~": case "null": case "Null": case "NULL":
                return JValue.CreateNull();
            case "true": case "True": case "TRUE":
                return new JValue(true);
            case "false": case "False": case "FALSE":
                return new JValue(false);
        }
        if (IntPattern.IsMatch(value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            return new JValue(l);
        if (FloatPattern.IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return new JValue(d);
        return new JValue(value);
    }
}
