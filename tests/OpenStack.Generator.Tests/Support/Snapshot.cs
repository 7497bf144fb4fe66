using System;
using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace OpenStack.Generator.Tests.Support;

/// <summary>
/// Compares generated text with a committed Snapshots/&lt;name&gt;.verified.cs. On a mismatch it writes
/// &lt;name&gt;.received.cs beside it and fails with a line diff; ACCEPT_SNAPSHOTS=1 rewrites the verified file instead.
/// </summary>
internal static class Snapshot
{
    public static bool Accepting => Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1";

    /// <summary>"Test.V1.Widgets.Widget.g.cs" → "Test.V1.Widgets.Widget".</summary>
    public static string NameOf(string hintName)
        => hintName.EndsWith(".g.cs", StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - ".g.cs".Length) : hintName;

    public static string VerifiedPath(string name) => Path.Combine(TestPaths.SnapshotsDir, name + ".verified.cs");

    public static void Verify(string name, string actual)
    {
        var verified = VerifiedPath(name);
        var received = Path.Combine(TestPaths.SnapshotsDir, name + ".received.cs");
        actual = Normalize(actual);
        if (Accepting)
        {
            Directory.CreateDirectory(TestPaths.SnapshotsDir);
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual, new UTF8Encoding(false));
        var message = new StringBuilder(expected is null
            ? $"No snapshot {verified}; wrote {received}. Check it, then run with ACCEPT_SNAPSHOTS=1."
            : $"Generated {name} differs from {verified} (wrote {received}; ACCEPT_SNAPSHOTS=1 accepts it):");
        if (expected is not null)
        {
            var lineNo = 0; // line number in the received text
            foreach (var line in InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines)
            {
                if (line.Type != ChangeType.Deleted) lineNo++;
                if (line.Type == ChangeType.Deleted) message.Append($"\n{lineNo,5} - ").Append(line.Text);
                else if (line.Type == ChangeType.Inserted) message.Append($"\n{lineNo,5} + ").Append(line.Text);
            }
        }
        throw new XunitException(message.ToString());
    }

    // Git may check text out with CRLF; the generator writes LF.
    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
