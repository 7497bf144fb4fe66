using System;
using System.IO;
using System.Security.Cryptography;
using OpenStack;
using OpenStack.Image.V2;

// Credentials come from the usual OS_* variables (an openrc file), e.g. the ones scripts/sample.sh sets.
var options = OpenStackClientOptions.FromEnvironment();
using var cloud = await OpenStackClient.ConnectAsync(options);
Console.WriteLine($"Authenticated as {cloud.Connection.Token.UserName} in project {cloud.Connection.Token.ProjectName}; token expires {cloud.Connection.Token.ExpiresAt:u}");

Console.WriteLine("Projects:");
await foreach (var project in cloud.Identity.Projects.ListAsync())
    Console.WriteLine($"  {project.Id}  {project.Name}");

Console.WriteLine("Images:");
await foreach (var existing in cloud.Image.Images.ListAsync(new ImageListOptions { Limit = 50 }))
    Console.WriteLine($"  {existing.Id}  {existing.Name}  {existing.Status}");

var image = await cloud.Image.Images.CreateAsync(new ImageCreateOptions
{
    Name = "quickstart-" + Guid.NewGuid().ToString("N")[..8],
    DiskFormat = ImageDiskFormat.Raw,
    ContainerFormat = ImageContainerFormat.Bare,
    Visibility = ImageVisibility.Private,
});
Console.WriteLine($"Created image {image.Name} ({image.Id}), status {image.Status}");
try
{
    var data = RandomNumberGenerator.GetBytes(1024 * 1024);
    await cloud.Image.Images.UploadAsync(image.Id!, new MemoryStream(data));
    var uploaded = await cloud.Image.Images.GetAsync(image.Id!);
    Console.WriteLine($"Uploaded {uploaded.Size} bytes, status {uploaded.Status}, {uploaded.OsHashAlgo} {uploaded.OsHashValue?[..16]}…");

    var copy = new MemoryStream();
    await cloud.Image.Images.DownloadToAsync(image.Id!, copy); // checked against the image's hash while streaming
    Console.WriteLine(copy.ToArray().AsSpan().SequenceEqual(data)
        ? $"Downloaded {copy.Length} bytes; hash verified"
        : throw new InvalidDataException("downloaded data differs"));
}
finally
{
    await cloud.Image.Images.DeleteAsync(image.Id!);
    Console.WriteLine($"Deleted image {image.Id}");
}
