using Microsoft.AspNetCore.Hosting;

namespace Allianssi.IntegrationTests;

/// <summary>The web application with a data folder of its own (analytical store, generated keys), deleted afterwards.</summary>
/// <param name="store">The operational database.</param>
/// <param name="name">A word in the folder's name, to tell the fixtures' folders apart.</param>
public abstract class DataFolderAppFixture(Store store, string name) : AppFixture(store)
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"allianssi-{name}-it-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(DataDirectory);
        builder.UseSetting("Allianssi:Data", DataDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}
