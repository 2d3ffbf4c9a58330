using SecretGuard.Cli;

// secretguard check <image>...: exit 0 clean, 1 findings, 2 not fully checked, 64 usage error.
return CheckCommandLine.Run(args, Check.Run, Console.Out, Console.Error);
