package newsroom.local; public class Main { public static void main(String[] a) {} }
