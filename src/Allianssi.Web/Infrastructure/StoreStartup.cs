using System.Security.Cryptography;
using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Organiser;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Import.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Web.Infrastructure;

/// <summary>A demo user and the password printed for it at start.</summary>
internal sealed record DemoUser(string UserName, string Role, string? Party, string Password);

/// <summary>Prepares the store at start: migrations (embedded SQLite), and in demo mode the Tesoma reference with demo users.</summary>
internal static partial class StoreStartup
{
    public const string DemoAlliance = "tesoma";

    public static async Task<IReadOnlyList<DemoUser>> PrepareAsync(IServiceProvider services, AllianssiOptions options, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var migrate = sp.GetRequiredService<MigrateStore>();
        if (options.MigrateOnStart)
        {
            await migrate.ExecuteAsync(ct);
        }
        else if ((await migrate.PendingAsync(ct)).Count > 0)
        {
            throw new InvalidOperationException("The operational store has pending migrations: run `allianssi db migrate` first.");
        }

        SealRetainedUploads(sp, options);

        if (!options.Demo)
        {
            return [];
        }

        await sp.GetRequiredService<LoadReference>().ExecuteAsync(DemoAlliance, withDemoData: true, Actor.System, ct);
        await OrganiserDemo.EnsureAsync(sp.GetRequiredService<AllianssiDbContext>(), sp.GetRequiredService<OrganiserPayments>(), DemoAlliance, ct);
        return await EnsureDemoUsersAsync(sp, options.DemoPassword, ct);
    }

    /// <summary>
    /// Seals the retained uploads' chunks stored before encryption (issue 11 item 8) when the upload key is present
    /// (always in demo mode, which generates it); without a key (allowed only in demo mode, which never lacks one) nothing
    /// is read. Each upload is sealed in its own transaction and audited with counts only.
    /// </summary>
    private static void SealRetainedUploads(IServiceProvider sp, AllianssiOptions options)
    {
        if (!options.Demo && !SecretKey.Upload.IsConfigured(options.DataDirectory, options.Secret))
        {
            return;
        }

        var (uploads, chunks) = sp.GetRequiredService<AnalyticalData>().Registry().SealPlaintextChunks(Actor.System);
        if (uploads > 0)
        {
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoreStartup));
            LogSealed(log, chunks, uploads);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Chunks} plaintext chunks of {Uploads} retained uploads stored before encryption")]
    private static partial void LogSealed(ILogger logger, int chunks, int uploads);

    /// <summary>One user per party and role (e.g. <c>tampere.leadership</c>) plus <c>admin</c>, with fresh passwords.</summary>
    private static async Task<IReadOnlyList<DemoUser>> EnsureDemoUsersAsync(IServiceProvider sp, string? fixedPassword, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AllianssiDbContext>();
        var users = sp.GetRequiredService<UserManager<AllianssiUser>>();
        var parties = await db.Parties.Where(p => p.Alliance!.Code == DemoAlliance).OrderBy(p => p.Id).ToListAsync(ct);
        var wanted = new List<(string Name, string Role, Party? Party)> { ("admin", Roles.Admin, null) };
        foreach (var party in parties)
        {
            foreach (var role in Roles.All.Where(r => r != Roles.Admin))
            {
                wanted.Add(($"{party.Code}.{role}", role, party));
            }
        }

        var result = new List<DemoUser>();
        foreach (var (name, role, party) in wanted)
        {
            var password = fixedPassword ?? NewPassword();
            var user = await users.FindByNameAsync(name);
            if (user is null)
            {
                user = new AllianssiUser { UserName = name, Email = $"{name}@demo.invalid", EmailConfirmed = true, Role = role, PartyId = party?.Id };
                Check(await users.CreateAsync(user, password));
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                Check(await users.ResetPasswordAsync(user, token, password));
            }

            result.Add(new DemoUser(name, role, party?.Code, password));
        }

        return result;
    }

    /// <summary>A random password that satisfies Identity's default rules.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 12).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return "Aa1!" + new string([.. chars]);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
