namespace Shared;

public static class Greeting
{
    public const string Text = "hello from a container";
}
