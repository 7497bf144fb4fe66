using OpenStack.Generator.Model;

namespace OpenStack.Generator.Emit;

/// <summary>Names of the types the emitters produce and refer to, in one place so they stay consistent.</summary>
internal static class Names
{
    public const string Json = "global::System.Text.Json.Serialization";
    public const string Nodes = "global::System.Text.Json.Nodes";
    public const string Tasks = "global::System.Threading.Tasks";
    public const string Ct = "global::System.Threading.CancellationToken";
    public const string Refit = "global::Refit";

    public static string Namespace(GeneratorOptions options, ServiceModel service) => options.RootNamespace + "." + service.Namespace;

    /// <summary>Folder-like hint name prefix: Image.V2.Images.</summary>
    public static string HintPrefix(ServiceModel service, ResourceModel resource) => service.Namespace + "." + resource.Plural;

    public static string ServiceClass(ServiceModel service) => service.ClientProperty + "Service";
    public static string ClientClass(ResourceModel r) => r.Plural + "Client";
    public static string ApiInterface(ResourceModel r) => "I" + r.Plural + "Api";
    public static string ListOptions(ResourceModel r) => r.Name + "ListOptions";
    public static string CreateOptions(ResourceModel r) => r.Name + "CreateOptions";
    public static string UpdateOptions(ResourceModel r) => r.Name + "UpdateOptions";
    public static string ListPage(ResourceModel r) => r.Name + "ListPage";
    public static string ItemEnvelope(ResourceModel r) => r.Name + "Envelope";
    public static string CreateRequest(ResourceModel r) => r.Name + "CreateRequest";
    public static string UpdateRequest(ResourceModel r) => r.Name + "UpdateRequest";
    public static string ActionRequest(ResourceModel r, ActionModel a) => r.Name + a.CsName + "Request";
    public static string ActionEnvelope(ResourceModel r, ActionModel a) => r.Name + a.CsName + "RequestEnvelope";
    public static string ActionResponse(ResourceModel r, ActionModel a) => r.Name + a.CsName + "Response";
    public static string ActionResponseEnvelope(ResourceModel r, ActionModel a) => r.Name + a.CsName + "ResponseEnvelope";
    public static string ListItem(ResourceModel r) => r.Name + "ListItem";

    /// <summary>
    /// The resource's own System.Text.Json context. One per resource, not one per service or for the whole SDK:
    /// using a context reaches its GetTypeInfo(Type), and with it every type the context lists, so a Native AOT
    /// program carries the metadata of exactly the resources it uses. The service is in the name because
    /// System.Text.Json names its generated files after the context's simple name: two AvailabilityZonesJsonContext
    /// classes in one assembly, even in different namespaces, would make its generator fail.
    /// </summary>
    public static string JsonContext(ServiceModel service, ResourceModel resource) => service.ClientProperty + resource.Plural + "JsonContext";

    /// <summary>The context's JsonTypeInfo property for a type: its C# name, unless that is a member the context already has.</summary>
    public static string TypeInfoName(ServiceModel service, ResourceModel resource, string typeName)
        => typeName is "Default" or "Options" or "GeneratedSerializerOptions" or "GetTypeInfo" || typeName == JsonContext(service, resource)
            ? typeName + "TypeInfo"
            : typeName;

    public static bool ActionReturnsResponseObject(ActionModel a) => a.ResponseBody == "stream" || (a.ResponseBody != "json" && a.ResponseHeaders.Count > 0);

    /// <summary>The C# type of a field. Results use read-only collections; options use mutable ones.</summary>
    public static string Type(TypeRef type, bool mutable)
    {
        switch (type.Kind)
        {
            case FieldKind.String: return "string";
            case FieldKind.Int32: return "int";
            case FieldKind.Int64: return "long";
            case FieldKind.Number: return "double";
            case FieldKind.Boolean: return "bool";
            case FieldKind.DateTime: return "global::System.DateTimeOffset";
            case FieldKind.Json: return Nodes + ".JsonNode";
            case FieldKind.Enum:
            case FieldKind.Object: return type.Name!;
            case FieldKind.Array:
                return (mutable ? "global::System.Collections.Generic.IList<" : "global::System.Collections.Generic.IReadOnlyList<")
                    + Type(type.Element!, mutable) + ">";
            case FieldKind.Map:
                return (mutable ? "global::System.Collections.Generic.IDictionary<string, " : "global::System.Collections.Generic.IReadOnlyDictionary<string, ")
                    + Type(type.Element!, mutable) + ">";
            default: return Nodes + ".JsonNode";
        }
    }

    public static bool IsValueType(TypeRef type)
        => type.Kind is FieldKind.Int32 or FieldKind.Int64 or FieldKind.Number or FieldKind.Boolean or FieldKind.DateTime or FieldKind.Enum;
}
