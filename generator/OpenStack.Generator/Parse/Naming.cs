using System.Collections.Generic;
using System.Text;

namespace OpenStack.Generator.Parse;

/// <summary>OpenStack names (snake_case, "OS-EXT-STS:vm_state", "tags-any", "__os_bit") → C# names.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static string Pascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var part = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) && c < 128) part.Append(c);
            else Flush(part, sb);
        }
        Flush(part, sb);
        if (sb.Length == 0) return "Value";
        if (char.IsDigit(sb[0])) sb.Insert(0, 'N');
        return sb.ToString();
    }

    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>SecurityGroups → security_groups.</summary>
    public static string Snake(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static void Flush(StringBuilder part, StringBuilder into)
    {
        if (part.Length == 0) return;
        var s = part.ToString();
        // "OS", "EXT": an all-caps word reads better as "Os", "Ext" inside a longer name.
        var allUpper = s.Length > 1;
        foreach (var c in s) if (char.IsLower(c)) { allUpper = false; break; }
        into.Append(char.ToUpperInvariant(s[0]));
        into.Append(allUpper ? s.Substring(1).ToLowerInvariant() : s.Substring(1));
        part.Clear();
    }
}
