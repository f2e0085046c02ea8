public enum GLPKBackendPlaceholder {}
