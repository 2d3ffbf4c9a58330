namespace LeakyApp;

// A connection string hardcoded "just for now": it is compiled into LeakyApp.dll and ships in the image.
public static class OrdersRepository
{
    private const string ConnectionString = "Server=sql.internal;Database=orders;User Id=orders_app;Password=H4rdc0ded-2024;";

    public static int Length => ConnectionString.Length;
}
