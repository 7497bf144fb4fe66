using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OpenStack;
using OpenStack.DependencyInjection;
using OpenStack.Image.V2;

// A Native AOT program: configuration as openstacksdk chooses it (OS_CLOUD from clouds.yaml, else the OS_*
// variables of an openrc file, else the only cloud in clouds.yaml), dependency injection on IHttpClientFactory,
// then the images. Exit code 0 on success, 1 with the error on stderr otherwise.
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
