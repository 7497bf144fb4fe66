using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Diagnostics;

/// <summary>
/// A diagnostic as plain data. Roslyn's Diagnostic and Location do not have value equality, so the
/// model carries this and turns it into a Diagnostic only when reporting.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string Path, int Line, int Column, EquatableArray<string> Args)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string path, int line, int column, params string[] args)
        => new(descriptor.Id, path, line, column, args.ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        var descriptor = DiagnosticDescriptors.ById(Id);
        var position = new LinePosition(Math.Max(0, Line - 1), Math.Max(0, Column - 1));
        var location = Location.Create(Path, new TextSpan(0, 0), new LinePositionSpan(position, position));
        var args = new object[Args.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Args[i];
        return Diagnostic.Create(descriptor, location, args);
    }
}
