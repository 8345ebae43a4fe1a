package io.stowage.storage;

/** The object asked for does not exist. */
public class ObjectNotFoundException extends StorageException {
    public ObjectNotFoundException(String key) {
        super("no object " + key);
    }
}
