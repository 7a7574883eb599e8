package dev.postern.webadmin;

/** Where Postern's WebAdmin routes live: under one prefix, apart from James's own. */
public final class PosternPaths {

    public static final String BASE = "/postern";

    private PosternPaths() {
    }
}
