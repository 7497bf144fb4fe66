using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenStack.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. Each is an error: a bad spec must stop the build, never drop a resource.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "OpenStack.Specs";

    public static readonly DiagnosticDescriptor Syntax = Error("OSG001", "Spec file is not valid YAML or JSON",
        "Spec file is not valid YAML or JSON: {0}");

    public static readonly DiagnosticDescriptor UnknownKey = Error("OSG002", "Unknown key in spec",
        "Unknown key '{0}' in '{1}'");

    public static readonly DiagnosticDescriptor InvalidValue = Error("OSG003", "Invalid value in spec",
        "Invalid value at '{0}': {1}");

    public static readonly DiagnosticDescriptor MissingKey = Error("OSG004", "Missing required key in spec",
        "Missing required key '{0}' in '{1}'");

    public static readonly DiagnosticDescriptor DuplicateKey = Error("OSG005", "Duplicate key in spec",
        "Duplicate key '{0}': the later value would silently replace the earlier one");

    public static readonly DiagnosticDescriptor DuplicateOperation = Error("OSG006", "Duplicate operation",
        "Operation '{0}' duplicates '{1}': both are {2} {3}");

    public static readonly DiagnosticDescriptor UnresolvedRef = Error("OSG007", "Unresolvable $ref",
        "Cannot resolve $ref '{0}': only '#/definitions/<name>' of the same file is supported and '{1}' is not defined");

    public static readonly DiagnosticDescriptor PathParameterWithoutField = Error("OSG008", "Path parameter without a field",
        "Path parameter '{{{0}}}' of '{1}' matches no field of the resource and no entry in 'params'");

    public static readonly DiagnosticDescriptor UnknownField = Error("OSG009", "Operation names an unknown field",
        "'{0}' names field '{1}', which is not in 'fields'");

    public static readonly DiagnosticDescriptor MissingServiceFile = Error("OSG010", "Resource without a service file",
        "Resource '{0}' cannot be generated: its folder '{1}' has no service.yaml (kind: service)");

    public static readonly DiagnosticDescriptor SpecLocation = Error("OSG011", "Spec file in the wrong place",
        "Spec file '{0}' must be at specs/<service-type>/<version>/<name>.yaml (or .yml/.json)");

    public static readonly DiagnosticDescriptor DuplicateDefinition = Error("OSG012", "Duplicate resource or service",
        "{0} '{1}' is defined more than once in '{2}' (also in '{3}')");

    public static readonly DiagnosticDescriptor NameCollision = Error("OSG013", "C# name collision",
        "'{0}' and '{1}' both become C# name '{2}' in '{3}'; give one a 'csName'");

    public static readonly DiagnosticDescriptor PaginationMismatch = Error("OSG014", "Pagination does not fit the list operation",
        "Pagination kind '{0}' needs {1}");

    public static readonly DiagnosticDescriptor InternalError = Error("OSG015", "Generator failure on a spec",
        "The generator could not process this spec ({0}: {1}); please report it with the spec file");

    public static readonly DiagnosticDescriptor BadExtendsTarget = Error("OSG016", "Overlay extends an unknown resource",
        "'extends: {0}' cannot be used: {1}");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        Syntax, UnknownKey, InvalidValue, MissingKey, DuplicateKey, DuplicateOperation, UnresolvedRef,
        PathParameterWithoutField, UnknownField, MissingServiceFile, SpecLocation, DuplicateDefinition,
        NameCollision, PaginationMismatch, InternalError, BadExtendsTarget,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> Index = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => Index[id];

    private static DiagnosticDescriptor Error(string id, string title, string format)
        => new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
