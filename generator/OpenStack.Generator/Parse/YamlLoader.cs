using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
/// <remarks>
/// Built straight from YamlDotNet's parser events rather than its YamlStream, which throws on a duplicate key
/// (so it could not be reported as such), accepts an alias inside its own anchor (a cycle that would recurse
/// until the compiler process dies) and expands alias chains without bound. Here a duplicate key is recorded,
/// an alias must name an anchor completed before it, and nesting depth and node count are capped.
/// </remarks>
internal sealed class YamlLoader
{
    /// <summary>Deeper than any sensible spec; keeps recursion far from the stack's end.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Nodes after alias expansion; the largest real spec has a few hundred.</summary>
    internal const int MaxNodes = 200_000;

    private static readonly Regex IntPattern = new("^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private readonly List<(string Key, SourcePosition Position)> _duplicates = new();
    private readonly Dictionary<string, (JToken Value, int Size)> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<(Mark Start, char Bracket)> _openFlow = new();
    private int _nodes;

    public JToken? Root { get; private set; }

    /// <summary>Where each node is, by dotted path ("operations.list.query.tag", "fields.tags.items", "x[2]").</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions => _positions;

    public IReadOnlyList<(string Key, SourcePosition Position)> DuplicateKeys => _duplicates;

    /// <summary>Loads text; on a syntax error returns false with the message and position.</summary>
    public bool TryLoad(string text, out string error, out SourcePosition errorPosition)
    {
        error = "";
        errorPosition = new SourcePosition(1, 1);
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                error = "the file is empty";
                return false;
            }
            parser.Consume<DocumentStart>();
            Root = Read(parser, "", 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                error = "a spec file holds one YAML document, this one has more";
                errorPosition = At(second.Start);
                return false;
            }
            parser.Consume<StreamEnd>();
            return true;
        }
        catch (LoadException e)
        {
            error = e.Message;
            errorPosition = e.Position;
            return false;
        }
        catch (YamlException e)
        {
            error = e.Message;
            errorPosition = At(e.Start);
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, on some malformed input such as a flow
            // mapping left open. Point at the innermost '{' or '[' still open, else at the last event read.
            if (_openFlow.Count > 0)
            {
                var (start, bracket) = _openFlow.Peek();
                error = "malformed YAML inside the '" + bracket + "' that opens here; is it closed?";
                errorPosition = At(start);
            }
            else
            {
                error = "malformed YAML after this point";
                errorPosition = parser.Current is { } last ? At(last.Start) : new SourcePosition(1, 1);
            }
            return false;
        }
    }

    /// <summary>
    /// Overlay hook (SpecOverlay): the tree becomes the merge of a base spec and this file. Positions recorded here stay,
    /// except the items of lists the merge extended (their indexes moved); a path no recorded ancestor covers reports at
    /// <paramref name="fallback"/>.
    /// </summary>
    internal void ReplaceRoot(JToken root, SourcePosition fallback, IEnumerable<string> extendedLists)
    {
        Root = root;
        foreach (var list in extendedLists)
            foreach (var stale in new List<string>(_positions.Keys))
                if (stale.StartsWith(list + "[", StringComparison.Ordinal)) _positions.Remove(stale);
        _positions[""] = fallback;
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

    // path is null for the value of a duplicate key: it is read only to be skipped, and must not overwrite positions.
    private JToken Read(IParser parser, string? path, int depth)
    {
        var start = parser.Current!.Start;
        if (depth > MaxDepth) throw new LoadException("nested more than " + MaxDepth + " levels deep", At(start));
        Count(1, start);
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            // Anchors are registered when complete, so an alias inside its own anchor finds nothing: no cycles.
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                throw new LoadException("alias '*" + alias.Value.Value + "' does not name an anchor defined (and completed) before it", At(start));
            Count(anchored.Size, start);
            return anchored.Value.DeepClone();
        }
        var before = _nodes;
        JToken result;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            result = ConvertScalar(scalar);
            anchor = scalar.Anchor;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            if (sequenceStart.Style == SequenceStyle.Flow) _openFlow.Push((sequenceStart.Start, '['));
            var array = new JArray();
            var i = 0;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                string? childPath = null;
                if (path is not null)
                {
                    childPath = path + "[" + i + "]";
                    _positions[childPath] = At(parser.Current!.Start);
                }
                array.Add(Read(parser, childPath, depth + 1));
                i++;
            }
            if (sequenceStart.Style == SequenceStyle.Flow) _openFlow.Pop();
            result = array;
            anchor = sequenceStart.Anchor;
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            if (mappingStart.Style == MappingStyle.Flow) _openFlow.Push((mappingStart.Start, '{'));
            var obj = new JObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                if (!parser.TryConsume<Scalar>(out var keyScalar))
                    throw new LoadException("a mapping key must be a plain string", At(keyStart));
                var key = keyScalar.Value;
                var position = At(keyScalar.Start);
                if (obj.ContainsKey(key))
                {
                    _duplicates.Add((key, position));
                    Read(parser, null, depth + 1);
                    continue;
                }
                string? childPath = null;
                if (path is not null)
                {
                    childPath = path.Length == 0 ? key : path + "." + key;
                    _positions[childPath] = position;
                }
                obj[key] = Read(parser, childPath, depth + 1);
            }
            if (mappingStart.Style == MappingStyle.Flow) _openFlow.Pop();
            result = obj;
            anchor = mappingStart.Anchor;
        }
        else
        {
            throw new LoadException("unexpected " + parser.Current!.GetType().Name, At(start));
        }
        if (!anchor.IsEmpty) _anchors[anchor.Value] = (result, _nodes - before + 1);
        return result;
    }

    private void Count(int nodes, Mark at)
    {
        _nodes += nodes;
        if (_nodes > MaxNodes)
            throw new LoadException("the file expands to more than " + MaxNodes + " nodes (aliases repeating large anchors?)", At(at));
    }

    private static SourcePosition At(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static JToken ConvertScalar(Scalar scalar)
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

    private sealed class LoadException : Exception
    {
        public LoadException(string message, SourcePosition position) : base(message) => Position = position;

        public SourcePosition Position { get; }
    }
}
