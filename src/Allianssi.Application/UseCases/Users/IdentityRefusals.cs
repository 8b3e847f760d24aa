using System.Collections.Frozen;
using Allianssi.Application.UseCases.Common;
using Microsoft.AspNetCore.Identity;

namespace Allianssi.Application.UseCases.Users;

/// <summary>
/// What Identity refuses when an account is created (the users page, the first-run admin), with a stable code and its
/// values, so a page words it in the reader's language (<c>Validation.form.*</c>). An error Identity adds in a later
/// version keeps its own English text.
/// </summary>
public static class IdentityRefusals
{
    /// <summary>Adds what Identity refused to <paramref name="v"/> on its field (<c>password</c> or <c>userName</c>).</summary>
    public static void Add(Validation v, IdentityError error, string userName, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        var password = options.Password;
        switch (error.Code)
        {
            case nameof(IdentityErrorDescriber.PasswordTooShort):
                v.Add("password", "form.passwordTooShort", $"the password must be at least {password.RequiredLength} characters long");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresDigit):
                v.Add("password", "form.passwordRequiresDigit", $"the password must have a digit (0-9)");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresLower):
                v.Add("password", "form.passwordRequiresLower", $"the password must have a lowercase letter (a-z)");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresUpper):
                v.Add("password", "form.passwordRequiresUpper", $"the password must have an uppercase letter (A-Z)");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric):
                v.Add("password", "form.passwordRequiresSymbol", $"the password must have a character other than a letter or a digit");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars):
                v.Add("password", "form.passwordRequiresUniqueChars", $"the password must have at least {password.RequiredUniqueChars} different characters");
                break;
            case nameof(IdentityErrorDescriber.DuplicateUserName):
                v.Add("userName", "form.userNameTaken", $"the user name '{userName}' is taken");
                break;
            case nameof(IdentityErrorDescriber.InvalidUserName):
                v.Add("userName", "form.userNameInvalid", $"the user name '{userName}' may hold only letters, digits and the characters {Symbols(options)}");
                break;
            default:
                v.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", error.Description);
                break;
        }
    }

    /// <summary>
    /// The codes the first-run page words (it is handed codes in its address, so it words no other, and none that would
    /// repeat text of the request such as the refused user name).
    /// </summary>
    public static readonly FrozenSet<string> FirstRunCodes = FrozenSet.Create(StringComparer.Ordinal,
        "form.passwordTooShort", "form.passwordRequiresDigit", "form.passwordRequiresLower", "form.passwordRequiresUpper",
        "form.passwordRequiresSymbol", "form.passwordRequiresUniqueChars", "form.userNameCharacters", "form.accountRefused");

    /// <summary>The first-run page's code for a refusal's code: the same for a password rule, one without the name otherwise.</summary>
    public static string ForFirstRun(string? code) => code switch
    {
        "form.userNameInvalid" => "form.userNameCharacters",
        { } c when FirstRunCodes.Contains(c) => c,
        _ => "form.accountRefused",
    };

    /// <summary>The values of a first-run code's message (<see cref="FirstRunCodes"/>), from Identity's options.</summary>
    public static object?[] FirstRunArguments(string code, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return code switch
        {
            "form.passwordTooShort" => [options.Password.RequiredLength],
            "form.passwordRequiresUniqueChars" => [options.Password.RequiredUniqueChars],
            "form.userNameCharacters" => [Symbols(options)],
            _ => [],
        };
    }

    private static string Symbols(IdentityOptions options) =>
        string.Concat(options.User.AllowedUserNameCharacters.Where(c => !char.IsAsciiLetterOrDigit(c)));
}
