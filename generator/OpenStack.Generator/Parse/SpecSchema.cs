using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace OpenStack.Generator.Parse;

/// <summary>One schema violation, as a dotted path into the spec plus what is wrong.</summary>
internal readonly struct SchemaProblem
{
    public SchemaProblem(ValidationErrorKind kind, string path, string? property, string message)
    {
        Kind = kind; Path = path; Property = property; Message = message;
    }

    public ValidationErrorKind Kind { get; }
    public string Path { get; }
    public string? Property { get; }
    public string Message { get; }
}

/// <summary>Validates spec trees against specs/spec.schema.json (embedded in this assembly) with NJsonSchema.</summary>
internal static class SpecSchema
{
    // Loaded once per compiler process: the schema is immutable and parsing it is the costly part.
    private static readonly Lazy<JsonSchema> Root = new(Load);

    public static IReadOnlyList<SchemaProblem> Validate(JToken spec, string definition)
    {
        var schema = Root.Value.Definitions[definition];
        var problems = new List<SchemaProblem>();
        foreach (var error in schema.Validate(spec)) Flatten(error, problems);
        return problems;
    }

    // "oneOf" failures nest the real reasons; report the innermost ones, which name the actual key.
    private static void Flatten(ValidationError error, List<SchemaProblem> into)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            var before = into.Count;
            foreach (var branch in child.Errors.Values)
                foreach (var inner in branch)
                    Flatten(inner, into);
            if (into.Count > before) return;
        }
        into.Add(new SchemaProblem(error.Kind, NormalizePath(error.Path), error.Property, Describe(error)));
    }

    // NJsonSchema paths look like "#/operations.list.query.tag" or "#/fields.tags.type[0]".
    internal static string NormalizePath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "";
        var p = path!;
        if (p.StartsWith("#/", StringComparison.Ordinal)) p = p.Substring(2);
        else if (p.StartsWith("#", StringComparison.Ordinal)) p = p.Substring(1);
        return p;
    }

    private static string Describe(ValidationError error)
    {
        var kind = error.Kind.ToString();
        switch (error.Kind)
        {
            case ValidationErrorKind.StringExpected: return "expected a string";
            case ValidationErrorKind.IntegerExpected: return "expected an integer";
            case ValidationErrorKind.BooleanExpected: return "expected true or false";
            case ValidationErrorKind.ArrayExpected: return "expected a list";
            case ValidationErrorKind.ObjectExpected: return "expected a mapping";
            case ValidationErrorKind.NotInEnumeration: return "value is not one of the allowed values";
            case ValidationErrorKind.PatternMismatch: return "value does not match the expected pattern";
            case ValidationErrorKind.NotOneOf: return "value matches none of the allowed forms";
            case ValidationErrorKind.ItemsNotUnique: return "list items must be unique";
            case ValidationErrorKind.TooFewItems: return "list is empty";
            default:
                // NJsonSchema's kind names are CamelCase sentences: split them for the reader.
                var words = System.Text.RegularExpressions.Regex.Replace(kind, "(?<=[a-z])(?=[A-Z])", " ");
                return words.ToLowerInvariant();
        }
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(SpecSchema).Assembly.GetManifestResourceStream("OpenStack.Generator.spec.schema.json")
            ?? throw new InvalidOperationException("spec.schema.json is not embedded in the generator");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
