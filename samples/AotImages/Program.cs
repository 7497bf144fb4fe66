using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OpenStack;
using OpenStack.DependencyInjection;
using OpenStack.Image.V2;

// A Native AOT program: configuration as openstacksdk chooses it (OS_CLOUD from clouds.yaml, else the OS_*
// variables of an openrc file, else the only cloud in clouds.yaml), dependency injection on IHttpClientFactory,
// then the images. With --create-and-delete it first creates an image record (no data), renames it and deletes it,
// which takes the requests that go through Refit's generated implementations (scripts/test.sh runs it so).
// Exit code 0 on success, 1 with the error on stderr otherwise.
try
{
    var services = new ServiceCollection();
    services.AddOpenStack(_ =>
    {
        OpenStackClientOptions options = OpenStackClientOptions.Load();
        options.ApplicationName = "aot-images-sample";
        return options;
    });
    await using ServiceProvider provider = services.BuildServiceProvider();
    OpenStackClient cloud = await provider.GetRequiredService<IOpenStackClientFactory>().GetClientAsync();

    Console.WriteLine($"Authenticated as {cloud.Connection.Token.UserName} (project {cloud.Connection.Token.ProjectName})");
    if (Array.IndexOf(args, "--create-and-delete") >= 0)
    {
        Image created = await cloud.Image.Images.CreateAsync(new ImageCreateOptions
        {
            Name = "aot-sample-" + Guid.NewGuid().ToString("N")[..8],
            ContainerFormat = ImageContainerFormat.Bare,
            DiskFormat = ImageDiskFormat.Qcow2,
        });
        Image renamed = await cloud.Image.Images.UpdateAsync(created.Id!, new ImageUpdateOptions { Name = created.Name + "-renamed" });
        await cloud.Image.Images.DeleteAsync(created.Id!);
        Console.WriteLine($"Created, renamed ({renamed.Name}) and deleted image {created.Id}");
    }

    int count = 0;
    await foreach (Image image in cloud.Image.Images.ListAsync(new ImageListOptions { Limit = 50 }))
    {
        Console.WriteLine($"  {image.Id}  {image.Status,-10} {image.Name}");
        count++;
    }

    Console.WriteLine($"{count} image(s)");
    return 0;
}
catch (Exception e) when (e is OpenStackException or OpenStackConfigurationException or System.Net.Http.HttpRequestException)
{
    Console.Error.WriteLine($"aot-images: {e.Message}");
    return 1;
}
