using OpenStack.Generator.Diagnostics;

namespace OpenStack.Generator.Model;

// The value-equatable model between parsing and emitting. Every type here is a record whose
// members are strings, primitives, other such records or EquatableArray, so the incremental
// pipeline can tell an unchanged spec from a changed one.

/// <summary>What parsing one spec file yields: a service or a resource (or neither), plus problems.</summary>
internal sealed record ParsedSpec(
    string Path,
    string Folder,
    ServiceModel? Service,
    ResourceModel? Resource,
    EquatableArray<DiagnosticInfo> Diagnostics);

internal sealed record ServiceModel(
    string Path,
    string Folder,
    string Type,
    EquatableArray<string> Aliases,
    string Version,
    string Namespace,
    string ClientProperty,
    string? Title,
    MicroversionModel? Microversion,
    bool VersionInPath = true);

/// <summary>Max: the newest microversion the service's specs describe; negotiation never goes past it.</summary>
internal sealed record MicroversionModel(string Header, string ServiceName, string? LegacyHeader, string Max);

internal sealed record ResourceModel(
    string Path,
    string Folder,
    string Name,
    string Plural,
    string? Description,
    string CollectionPath,
    string ItemPath,
    EquatableArray<FieldModel> CollectionParams,
    EquatableArray<FieldModel> ItemParams,
    string? ItemEnvelope,
    string? ListEnvelope,
    string? ListItemEnvelope,
    PaginationModel Pagination,
    bool AdditionalProperties,
    EquatableArray<FieldModel> Fields,
    EquatableArray<TypeDefModel> NestedTypes,
    EquatableArray<EnumModel> Enums,
    ListOperation? List,
    SimpleOperation? Get,
    CreateOperation? Create,
    UpdateOperation? Update,
    SimpleOperation? Delete,
    EquatableArray<ActionModel> Actions,
    StatusModel? Status);

/// <summary>
/// How to wait on a resource: its status property (C# access expression on the record), the statuses that
/// mean failure, and an expression reading the service's explanation (e.g. "Fault?.Message"), if any.
/// </summary>
internal sealed record StatusModel(string StatusExpression, EquatableArray<string> Failures, string? FaultExpression, EquatableArray<string> DeleteFailures);

/// <summary>MarkerFields: the item fields whose value (the first that is set) is the next marker; empty means id.</summary>
internal sealed record PaginationModel(string Kind, string? Next, string Marker, EquatableArray<string> MarkerFields = default);

internal enum FieldKind { String, Int32, Int64, Number, Boolean, DateTime, Array, Map, Object, Enum, Json }

/// <summary>A field's C# type. Name is set for Object (nested record) and Enum (extensible enum struct).</summary>
internal sealed record TypeRef(FieldKind Kind, string? Name = null, TypeRef? Element = null);

/// <summary>Nullable: the schema's type allows null (type: [x, "null"]), so a null is a value worth sending.</summary>
internal sealed record FieldModel(
    string JsonName,
    string CsName,
    TypeRef Type,
    string? Description,
    bool ReadOnly,
    bool WriteOnly,
    bool Secret,
    bool Required,
    bool Deprecated,
    string? MinVersion,
    string? MaxVersion,
    bool Nullable = false);

internal sealed record TypeDefModel(string CsName, string? Description, EquatableArray<FieldModel> Fields, bool AdditionalProperties);

internal sealed record EnumModel(string CsName, string? Description, EquatableArray<string> Values);

internal sealed record SimpleOperation(string? Description);

/// <summary>Path: where the list is fetched (servers/detail); SummaryPath: a lighter listing (servers), if any.</summary>
internal sealed record ListOperation(string? Description, EquatableArray<FieldModel> Query, string Path, string? SummaryPath);

internal sealed record CreateOperation(string? Description, EquatableArray<FieldModel> Fields);

internal sealed record UpdateOperation(string? Description, string Style, string? ContentType, EquatableArray<FieldModel> Fields);

internal sealed record ActionModel(
    string Name,
    string CsName,
    string? Description,
    string Method,
    string Path,
    EquatableArray<FieldModel> PathParams,
    string RequestBody,
    string? RequestContentType,
    string? RequestEnvelope,
    EquatableArray<FieldModel> RequestFields,
    string ResponseBody,
    EquatableArray<HeaderModel> ResponseHeaders,
    string? ResponseEnvelope,
    TypeRef? ResponseType,
    string? MinVersion,
    string? MaxVersion);

internal sealed record HeaderModel(string CsName, string Header, string Type, string? Description);

/// <summary>A resource joined with its service: the unit each per-resource emit step works on.</summary>
internal sealed record BoundResource(ServiceModel Service, ResourceModel Resource);

/// <summary>Settings read from MSBuild properties of the compilation being generated into.</summary>
/// <param name="ConsumerMode">
/// Generating into a project that references the SDK (the OpenStack.Sdk package): services are reached through extension
/// methods on OpenStack.OpenStackClient instead of properties of the partial class, which cannot span assemblies.
/// </param>
internal sealed record GeneratorOptions(string RootNamespace, string ClientName, bool ConsumerMode = false);
