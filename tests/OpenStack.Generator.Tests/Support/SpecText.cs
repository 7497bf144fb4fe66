using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OpenStack.Generator.Tests.Support;

/// <summary>A spec file held in memory, as the compiler hands AdditionalFiles to the generator.</summary>
internal sealed class SpecText : AdditionalText
{
    private readonly SourceText _text;

    public SpecText(string path, string text)
    {
        Path = path;
        Text = text;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public string Text { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;

    public override string ToString() => Path;
}
