using System.CommandLine;
using System.Globalization;

namespace Wso2Serverless.Cli;

/// <summary>The options every command takes (declared once on the root, recursive).</summary>
public sealed class GlobalOptions
{
    public Option<string?> ApiUrl { get; } = new("--api-url")
    {
        Description = "Base URL of the orchestrator's HTTP API (the stack's ApiUrl output); default: WSO2CTL_API_URL",
        Recursive = true,
    };

    public Option<string?> Stack { get; } = new("--stack")
    {
        Description = "Read the API URL from this orchestrator stack's ApiUrl output (CloudFormation)",
        Recursive = true,
    };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "AWS region to sign for (default: from an execute-api URL, AWS_REGION, AWS_DEFAULT_REGION, the profile)",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Named profile of the shared AWS config/credentials files (default: AWS's standard chain, AWS_PROFILE)",
        Recursive = true,
    };

    public Option<string> Output { get; } = CreateOutput();

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(ApiUrl);
        root.Options.Add(Stack);
        root.Options.Add(Region);
        root.Options.Add(Profile);
        root.Options.Add(Output);
    }

    public GlobalSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Uri? url = null;
        if (parse.GetValue(ApiUrl) is { Length: > 0 } raw
            && (!Uri.TryCreate(raw, UriKind.Absolute, out url) || url.Scheme is not ("https" or "http")))
        {
            throw new UsageException($"--api-url '{raw}' is not an http(s) URL.");
        }

        if (url is not null && parse.GetValue(Stack) is not null)
        {
            throw new UsageException("Give --api-url or --stack, not both.");
        }

        return new GlobalSettings
        {
            ApiUrl = url,
            Stack = parse.GetValue(Stack),
            Region = parse.GetValue(Region),
            Profile = parse.GetValue(Profile),
            Output = parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Text,
        };
    }

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "text (for people) or json (for scripts: the API's JSON, one document)",
            DefaultValueFactory = _ => "text",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    /// <summary>A duration option: <c>500ms</c>, <c>2s</c>, <c>10m</c>, <c>1h</c>, or plain seconds.</summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan? defaultValue, TimeSpan minimum)
    {
        var option = new Option<TimeSpan?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (TryParseDuration(text, out var value) && value >= minimum)
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not a duration of at least {Wso2Serverless.Cli.Output.Durations.Format(minimum)} (e.g. 500ms, 2s, 10m, 1h).");
                return null;
            },
        };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        return option;
    }

    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("", 1) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        return false;
    }
}
