using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>
/// One broken spec per diagnostic id: the generator must report that id at the offending key's file, line and
/// column (1-based, as an IDE shows it), must not throw (an exception would surface as CS8785 and drop all output),
/// and must not emit code for the broken resource.
/// </summary>
public class DiagnosticTests
{
    private const string Folder = "specs/test/v1/";
    private static readonly SpecText Service = new(Folder + "service.yaml", "kind: service\ntype: test\nversion: v1\n");

    [Fact]
    public void OSG001_syntax_error_points_at_the_broken_line()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string
              name: { type: string }
            """);
        var d = Only("OSG001", spec, Service);
        // YamlDotNet itself fails here with an InvalidOperationException (no position); the loader points at the '{'.
        AssertAt(d, spec.Path, 5, 7);
        Assert.Contains("'{'", d.GetMessage());
    }

    [Fact]
    public void OSG002_unknown_key_points_at_the_key()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
              name: { type: string, nullable: true }
            """);
        var d = Only("OSG002", spec, Service);
        AssertAt(d, spec.Path, 6, 25);
        Assert.Contains("'nullable'", d.GetMessage());
        Assert.Contains("'fields.name'", d.GetMessage());
    }

    [Fact]
    public void OSG003_invalid_value_points_at_its_key()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            pagination:
              kind: pages
            fields:
              id: { type: string }
            operations:
              list: {}
            """);
        var d = Only("OSG003", spec, Service);
        AssertAt(d, spec.Path, 5, 3);
        Assert.Contains("pagination.kind", d.GetMessage());
    }

    [Fact]
    public void OSG004_missing_key_points_at_the_mapping_that_lacks_it()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
            actions:
              reboot:
                path: widgets/{id}/reboot
            """);
        var d = Only("OSG004", spec, Service);
        AssertAt(d, spec.Path, 7, 3);
        Assert.Contains("'method'", d.GetMessage());
        Assert.Contains("'actions.reboot'", d.GetMessage());
    }

    [Fact]
    public void OSG005_duplicate_key_points_at_the_second_occurrence()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
              size: { type: integer }
              size: { type: string }
            """);
        var d = Only("OSG005", spec, Service);
        AssertAt(d, spec.Path, 7, 3);
        Assert.Contains("'size'", d.GetMessage());
    }

    [Fact]
    public void OSG006_duplicate_operation_points_at_the_later_one()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
            operations:
              get: {}
            actions:
              fetch:
                method: GET
                path: widgets/{id}
            """);
        var d = Only("OSG006", spec, Service);
        AssertAt(d, spec.Path, 9, 3);
        Assert.Contains("'fetch' duplicates 'get'", d.GetMessage());
    }

    [Fact]
    public void OSG007_unresolvable_ref_points_at_the_ref()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
              owner:
                $ref: "#/definitions/owner"
            definitions:
              user: { type: object, properties: { id: { type: string } } }
            """);
        var d = Only("OSG007", spec, Service);
        AssertAt(d, spec.Path, 7, 5);
        Assert.Contains("'#/definitions/owner'", d.GetMessage());
    }

    [Fact]
    public void OSG008_path_parameter_without_field_points_at_the_path()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
            actions:
              attach_port:
                method: PUT
                path: widgets/{id}/ports/{port_id}
            """);
        var d = Only("OSG008", spec, Service);
        AssertAt(d, spec.Path, 9, 5);
        Assert.Contains("'{port_id}'", d.GetMessage());
    }

    [Fact]
    public void OSG009_unknown_field_points_at_the_list_item()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
              name: { type: string }
            operations:
              create:
                fields: [name, colour]
            """);
        var d = Only("OSG009", spec, Service);
        AssertAt(d, spec.Path, 9, 20);
        Assert.Contains("'colour'", d.GetMessage());
    }

    [Fact]
    public void OSG010_resource_without_service_file()
    {
        var spec = new SpecText("specs/lonely/v1/widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
            """);
        var d = Only("OSG010", spec, Service);
        AssertAt(d, spec.Path, 1, 1);
        Assert.Contains("'lonely/v1'", d.GetMessage());
    }

    [Fact]
    public void OSG011_spec_outside_a_type_and_version_folder()
    {
        var spec = new SpecText("specs/widgets.yaml", "kind: resource\nname: Widget\npath: widgets\nfields: {}\n");
        var d = Only("OSG011", spec, Service);
        AssertAt(d, spec.Path, 1, 1);
    }

    [Fact]
    public void OSG012_two_resources_with_one_name_in_a_folder()
    {
        const string text = """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
            operations:
              get: {}
            """;
        var first = new SpecText(Folder + "a-widgets.yaml", text);
        var second = new SpecText(Folder + "b-widgets.yaml", text);
        var d = Only("OSG012", first, second, Service);
        AssertAt(d, second.Path, 1, 1);
        Assert.Contains(first.Path, d.GetMessage());
    }

    [Fact]
    public void OSG013_two_fields_with_one_csharp_name()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
              display_name: { type: string }
              display-name: { type: string }
            """);
        var d = Only("OSG013", spec, Service);
        AssertAt(d, spec.Path, 7, 3);
        Assert.Contains("'DisplayName'", d.GetMessage());
    }

    [Fact]
    public void OSG014_marker_pagination_without_marker_parameter()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            pagination: { kind: marker }
            fields:
              id: { type: string }
            operations:
              list:
                query:
                  limit: { type: integer }
            """);
        var d = Only("OSG014", spec, Service);
        AssertAt(d, spec.Path, 4, 15);
        Assert.Contains("'marker'", d.GetMessage());
    }

    [Fact]
    public void OSG013_two_resources_naming_a_nested_type_alike()
    {
        var first = new SpecText(Folder + "a-widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            fields:
              id: { type: string }
              shape: { type: object, csName: Shape, properties: { sides: { type: integer } } }
            """);
        var second = new SpecText(Folder + "b-gadgets.yaml", """
            kind: resource
            name: Gadget
            path: gadgets
            fields:
              id: { type: string }
              form: { type: object, csName: Shape, properties: { round: { type: boolean } } }
            """);
        var d = Only("OSG013", first, second, Service);
        AssertAt(d, second.Path, 1, 1);
        Assert.Contains("'Shape'", d.GetMessage());
        Assert.Contains(first.Path, d.GetMessage());
    }

    [Fact]
    public void OSG014_marker_pagination_without_an_id_field()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            itemPath: widgets/{name}
            pagination: { kind: marker }
            fields:
              name: { type: string }
            operations:
              list:
                query:
                  marker: { type: string }
            """);
        var d = Only("OSG014", spec, Service);
        AssertAt(d, spec.Path, 5, 15);
        Assert.Contains("'id' field", d.GetMessage());
    }

    [Fact]
    public void OSG014_marker_field_that_is_not_a_field()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: ""
            itemPath: "{name}"
            envelope: { list: null }
            pagination: { kind: marker, markerField: [name, subdir] }
            fields:
              name: { type: string }
            operations:
              list:
                query:
                  marker: { type: string }
            """);
        var d = Only("OSG014", spec, Service);
        AssertAt(d, spec.Path, 6, 29); // the markerField value
        Assert.Contains("'subdir'", d.GetMessage());
    }

    [Fact]
    public void OSG014_links_pagination_on_a_bare_array_list()
    {
        var spec = new SpecText(Folder + "widgets.yaml", """
            kind: resource
            name: Widget
            path: widgets
            envelope: { list: null }
            pagination: { kind: links }
            fields:
              id: { type: string }
            operations:
              list: {}
            """);
        var d = Only("OSG014", spec, Service);
        AssertAt(d, spec.Path, 5, 15);
        Assert.Contains("envelope.list", d.GetMessage());
    }

    [Fact]
    public void OSG016_extends_without_such_a_reference_spec_points_at_extends()
    {
        // No reference specs here (the SDK's own build): only a project using the OpenStack.Sdk package has them.
        var spec = new SpecText(Folder + "widgets.yaml", """
            # an overlay
            extends: image/v2/images
            fields:
              vendor_kind: { type: string }
            """);
        var d = Only("OSG016", spec, Service);
        AssertAt(d, spec.Path, 2, 1);
        Assert.Contains("image/v2/images", d.GetMessage());
    }

    /// <summary>Runs the generator and returns the one diagnostic it reported, which must have the given id.</summary>
    private static Diagnostic Only(string id, params SpecText[] specs)
    {
        var (result, driverDiagnostics) = GeneratorRunner.RunWithDriverDiagnostics(specs);
        Assert.Null(result.Exception);
        Assert.DoesNotContain(driverDiagnostics, d => d.Id == "CS8785");
        var all = result.Diagnostics;
        Assert.True(all.Length == 1 && all[0].Id == id, "expected exactly one " + id + ", got:\n" + GeneratorRunner.Describe(all));
        Assert.Equal(DiagnosticSeverity.Error, all[0].Severity);
        return all[0];
    }

    private static void AssertAt(Diagnostic d, string path, int line, int column)
    {
        var span = d.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }
}
