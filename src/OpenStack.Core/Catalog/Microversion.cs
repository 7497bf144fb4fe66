using System;
using System.Globalization;

namespace OpenStack.Catalog;

/// <summary>A microversion such as 2.79, compared numerically (2.10 is after 2.9).</summary>
public readonly record struct Microversion(int Major, int Minor) : IComparable<Microversion>
{
    /// <summary>Parses "2.79" (also "v2.79" and a bare "2", which is 2.0).</summary>
    public static bool TryParse(string? text, out Microversion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Trim().TrimStart('v', 'V');
        int dot = t.IndexOf('.');
        string major = dot < 0 ? t : t[..dot];
        string minor = dot < 0 ? "0" : t[(dot + 1)..];
        if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            || !int.TryParse(minor, NumberStyles.None, CultureInfo.InvariantCulture, out int b)) return false;
        version = new Microversion(a, b);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static Microversion Parse(string text)
        => TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a microversion like 2.79.");

    /// <summary>
    /// The highest microversion both sides support, or null when their ranges do not meet.
    /// </summary>
    public static Microversion? Negotiate(Microversion clientMin, Microversion clientMax, Microversion serverMin, Microversion serverMax)
    {
        var low = clientMin.CompareTo(serverMin) >= 0 ? clientMin : serverMin;
        var high = clientMax.CompareTo(serverMax) <= 0 ? clientMax : serverMax;
        return low.CompareTo(high) <= 0 ? high : null;
    }

    /// <inheritdoc />
    public int CompareTo(Microversion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>"2.79".</summary>
    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
}
