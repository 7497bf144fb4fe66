using System;
using System.Text;

namespace OpenStack.Generator.Emit;

/// <summary>An indenting text builder; the emitters only ever append lines.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>An XML doc summary; text from specs is escaped and may span lines.</summary>
    public CodeWriter Summary(string? text, string? remarks = null)
    {
        Line("/// <summary>");
        foreach (var line in SplitLines(text ?? "")) Line("/// " + Xml(line));
        Line("/// </summary>");
        if (!string.IsNullOrWhiteSpace(remarks))
        {
            Line("/// <remarks>");
            foreach (var line in SplitLines(remarks!)) Line("/// " + Xml(line));
            Line("/// </remarks>");
        }
        return this;
    }

    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 32) sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public override string ToString() => _sb.ToString();

    private static string[] SplitLines(string text)
    {
        var lines = text.Trim().Split(new[] { "\r\n", "\n" }, StringSplitOptions.None);
        return lines.Length == 0 ? new[] { "" } : lines;
    }
}
